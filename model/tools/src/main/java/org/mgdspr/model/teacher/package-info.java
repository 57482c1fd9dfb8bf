/**
 * The pretrained teacher of the offline tools: an ONNX sentence encoder whose vectors initialise the towers' text
 * tables and serve as distillation targets. The node never loads it; the served towers keep their size and cost.
 */
package org.mgdspr.model.teacher;
