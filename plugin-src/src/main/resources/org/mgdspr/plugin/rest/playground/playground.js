'use strict';
// The playground's logic: it reads the form, runs the four searches through this node's REST API (same origin)
// and renders each column. Text from the node is always inserted as text, never as markup.
(() => {
  const CONTEXT_FIELDS = ['real_time', 'short_term', 'long_term', 'query_history'];
  const EMPTY_CONTEXT = {real_time: [], short_term: [], long_term: {}, query_history: []};
  const PREFERRED_PROFILE_INDEX = 'shop_users';
  const MAX_PROFILES = 100;

  const $ = id => document.getElementById(id);
  const models = new Map();
  const vectorFields = new Map();
  const profiles = new Map();

  /** A form value the page rejects before asking the node. */
  class InputError extends Error {}

  /** A call the node refused or did not answer; the message names the request, the status and the node's reason. */
  class NodeError extends Error {}

  const COLUMNS = [
    {id: 'col-personalized', controlled: true,
      query: (form, relevance) => mgdsprQuery(form, relevance, {user: form.user, ...brandBoost(form)})},
    {id: 'col-anonymous', controlled: true,
      query: (form, relevance) => mgdsprQuery(form, relevance, {})},
    {id: 'col-bm25', controlled: false,
      query: form => ({match: {[form.textField]: {query: form.query, _name: 'bm25'}}})},
    {id: 'col-fused', controlled: true,
      query: (form, relevance) => mgdsprQuery(form, relevance,
        {user: form.user, lexical: {fields: [form.textField], k: form.k}, fusion: form.fusion, ...brandBoost(form)})},
  ];

  /** The brand boost of the columns with the user, when a weight above 0 or auto and a brand field are chosen. */
  function brandBoost(form) {
    return (form.brandBoost === 'auto' || form.brandBoost > 0) && form.brandField
      ? {brand_boost: {field: form.brandField, weight: form.brandBoost}} : {};
  }

  function mgdsprQuery(form, relevance, extra) {
    const query = {model_id: form.model, field: form.vectorField, query: form.query, k: form.k, provenance: true,
      ...extra};
    if (!form.spellingCorrection) {
      query.spelling_correction = false;
    }
    if (relevance !== 'off') {
      query.relevance_control = {mode: 'auto', fields: [form.textField], apply: relevance};
    }
    return {mgdspr: query};
  }

  async function callNode(method, path, body) {
    const init = {method, headers: {Accept: 'application/json'}};
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new NodeError(`${method} ${path}: the node did not answer (${e.message})`);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      throw new NodeError(`${method} ${path} failed with ${response.status}: ${describeError(json, text)}`);
    }
    if (json === null) {
      throw new NodeError(`${method} ${path}: the answer is not JSON: ${text.slice(0, 200)}`);
    }
    return json;
  }

  /** The answer's JSON, {} for an empty answer, null when it is not JSON. */
  function parseJson(text) {
    if (!text) {
      return {};
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  function describeError(json, text) {
    const error = json && json.error;
    if (!error) {
      return text ? text.slice(0, 500) : 'empty answer';
    }
    if (typeof error === 'string') {
      return error;
    }
    const cause = (error.root_cause && error.root_cause[0]) || error;
    return `${cause.type}: ${cause.reason}`;
  }

  function showError(message) {
    const line = document.createElement('div');
    line.className = 'error-message';
    line.textContent = message;
    $('errors').append(line);
  }

  function guard(task) {
    return task().catch(e => showError(e.message));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function fillSelect(select, options, chosen) {
    select.replaceChildren(...options.map(([value, label]) => {
      const option = element('option', '', label);
      option.value = value;
      return option;
    }));
    if (chosen !== undefined && options.some(([value]) => value === chosen)) {
      select.value = chosen;
    }
  }

  async function loadModels() {
    const answer = await callNode('GET', '/_plugins/mgdspr/models');
    models.clear();
    for (const model of answer.models.filter(m => m.state === 'ready')) {
      models.set(model.model_id, model);
    }
    fillSelect($('model'), [...models.values()].map(m => [m.model_id, `${m.model_id} (dimension ${m.dimension})`]));
    if (models.size === 0) {
      showError('the model registry has no ready model: upload one (mgdspr deploy) and reload the page');
    }
    modelChanged();
  }

  /** How the playground names a fitted fusion, e.g. "weighted(min_max, knn 0.5, lexical 0.5)". */
  function describeFusion(spec) {
    const weights = `knn ${spec.weights.knn}, lexical ${spec.weights.lexical}`;
    switch (spec.method) {
      case 'rrf': return `rrf(k=${spec.rank_constant}, ${weights})`;
      case 'weighted': return `weighted(${spec.normalization}, ${weights})`;
      default: return spec.method;
    }
  }

  function modelChanged() {
    const model = models.get($('model').value);
    const auto = $('fusion').querySelector('option[value="auto"]');
    auto.disabled = !(model && model.fitted_fusion);
    auto.textContent = auto.disabled ? 'auto (no fusion fitted for the model)'
      : `auto: ${describeFusion(model.fitted_fusion)}`;
    const fittedWeight = model && model.fitted_brand_boost_weight;
    $('brand-boost-fitted').textContent = fittedWeight === undefined || fittedWeight === null
      ? 'auto: no weight fitted for the model' : `auto: ${fittedWeight} for the model`;
    if (auto.disabled && $('fusion').value === 'auto') {
      $('fusion').value = 'rrf';
    } else if (!auto.disabled && !$('fusion').dataset.touched) {
      $('fusion').value = 'auto';
    }
    chooseVectorField();
  }

  /** Selects the first knn_vector field of the model's dimension; without one the selection stays. */
  function chooseVectorField() {
    const model = models.get($('model').value);
    const matching = [...vectorFields.entries()].find(([, dimension]) => model && dimension === model.dimension);
    if (matching) {
      $('vector-field').value = matching[0];
    }
  }

  async function loadIndices() {
    const rows = await callNode('GET', '/_cat/indices?format=json&h=index,docs.count&s=index');
    const indices = rows.filter(row => !row.index.startsWith('.'));
    const mappings = indices.length === 0 ? {} : await callNode('GET', '/_mapping');
    const withVectors = indices.filter(row => fieldsOf(mappings[row.index]).vectors.length > 0);
    fillSelect($('index'), indices.map(row => [row.index, `${row.index} (${row['docs.count']} docs)`]),
      (withVectors[0] || indices[0] || {}).index);
    const profileIndex = indices.find(row => row.index === PREFERRED_PROFILE_INDEX)
      || indices.find(row => /user|profile/i.test(row.index));
    fillSelect($('profile-index'), [['', '(none)'], ...indices.map(row => [row.index, row.index])],
      profileIndex ? profileIndex.index : '');
    if (indices.length === 0) {
      showError('this cluster has no index to search');
    }
    await Promise.all([guard(loadFields), guard(loadProfiles)]);
  }

  function fieldsOf(indexMapping) {
    const fields = {vectors: [], texts: [], keywords: []};
    const walk = (properties, prefix) => {
      for (const [name, definition] of Object.entries(properties || {})) {
        const path = prefix + name;
        if (definition.type === 'knn_vector') {
          fields.vectors.push([path, definition.dimension]);
        } else if (definition.type === 'text') {
          fields.texts.push(path);
        } else if (definition.type === 'keyword') {
          fields.keywords.push(path);
        }
        walk(definition.properties, path + '.');
      }
    };
    walk(indexMapping && indexMapping.mappings && indexMapping.mappings.properties, '');
    return fields;
  }

  async function loadFields() {
    const index = $('index').value;
    vectorFields.clear();
    if (!index) {
      fillSelect($('vector-field'), []);
      fillSelect($('text-field'), []);
      fillSelect($('brand-field'), [['', '(none)']]);
      return;
    }
    const fields = fieldsOf((await callNode('GET', `/${encodeURIComponent(index)}/_mapping`))[index]);
    fields.vectors.forEach(([path, dimension]) => vectorFields.set(path, dimension));
    fillSelect($('vector-field'), fields.vectors.map(([path, dimension]) => [path, `${path} (dimension ${dimension})`]));
    fillSelect($('text-field'), fields.texts.map(path => [path, path]), 'title');
    fillSelect($('brand-field'), [['', '(none)'], ...fields.keywords.map(path => [path, path])], 'brand');
    if (fields.vectors.length === 0) {
      showError(`index [${index}] has no knn_vector field: the mgdspr columns need one`);
    }
    chooseVectorField();
  }

  async function loadProfiles() {
    const index = $('profile-index').value;
    profiles.clear();
    if (index) {
      const answer = await callNode('POST', `/${encodeURIComponent(index)}/_search`,
        {size: MAX_PROFILES, query: {match_all: {}}});
      for (const hit of answer.hits.hits) {
        profiles.set(hit._id, hit._source || {});
      }
    }
    fillSelect($('profile'), [...profiles.entries()].map(([id, source]) =>
      [id, typeof source.name === 'string' && source.name !== id ? `${id} (${source.name})` : id]));
    $(profiles.size > 0 ? 'user-source-profile' : 'user-source-inline').checked = true;
    showProfile();
  }

  /** Shows the chosen profile's context, a starting point for an inline one. */
  function showProfile() {
    const source = profiles.get($('profile').value);
    $('context').value = JSON.stringify(source ? contextOf(source) : EMPTY_CONTEXT, null, 1);
  }

  /** The context fields of a profile document. */
  function contextOf(source) {
    return Object.fromEntries(CONTEXT_FIELDS.filter(field => source[field] !== undefined)
      .map(field => [field, source[field]]));
  }

  function readForm() {
    const form = {
      index: $('index').value, model: $('model').value, vectorField: $('vector-field').value,
      textField: $('text-field').value, query: $('query').value.trim(), relevance: $('relevance').value,
      fusion: $('fusion').value, k: boundedInteger('k', 1, 10000), size: boundedInteger('size', 1, 100),
      spellingCorrection: $('spelling-correction').checked, brandField: $('brand-field').value,
      brandBoost: $('brand-boost').value.trim() === 'auto' ? 'auto' : boundedNumber('brand-boost', 0, 100),
    };
    const missing = [['index', form.index], ['model', form.model], ['vector field', form.vectorField],
      ['text field', form.textField], ['query', form.query]].filter(([, value]) => !value).map(([name]) => name);
    if (missing.length > 0) {
      throw new InputError(`choose or type: ${missing.join(', ')}`);
    }
    form.user = userClause();
    return form;
  }

  function boundedNumber(id, min, max) {
    const value = Number($(id).value);
    if ($(id).value.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new InputError(`[${id}] must be a number from ${min} to ${max}, not [${$(id).value}]`);
    }
    return value;
  }

  function boundedInteger(id, min, max) {
    const value = Number($(id).value);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InputError(`[${id}] must be a whole number from ${min} to ${max}, not [${$(id).value}]`);
    }
    return value;
  }

  function userClause() {
    if ($('user-source-profile').checked) {
      if (!$('profile-index').value || !$('profile').value) {
        throw new InputError('choose a profile, or switch to an inline context');
      }
      return {index: $('profile-index').value, id: $('profile').value};
    }
    let context;
    try {
      context = JSON.parse($('context').value);
    } catch (e) {
      throw new InputError(`the inline user context is not valid JSON: ${e.message}`);
    }
    if (context === null || typeof context !== 'object' || Array.isArray(context)) {
      throw new InputError('the inline user context must be a JSON object');
    }
    return context;
  }

  function search(form, query, size, source) {
    return callNode('POST', `/${encodeURIComponent(form.index)}/_search`, {size, _source: source, query});
  }

  /**
   * The top hits of the same search without relevance control that the controlled search does not retrieve at
   * all: the first search gives the candidates, the second intersects the controlled search with their ids.
   */
  async function removedByRelevanceControl(form, column, controlled) {
    const uncontrolled = await search(form, column.query(form, 'off'), form.size, [form.textField]);
    const candidates = uncontrolled.hits.hits;
    if (candidates.length === 0) {
      return {hits: [], took: [uncontrolled.took]};
    }
    const kept = await search(form,
      {bool: {must: [controlled], filter: [{ids: {values: candidates.map(hit => hit._id)}}]}},
      candidates.length, false);
    const keptIds = new Set(kept.hits.hits.map(hit => hit._id));
    return {hits: candidates.filter(hit => !keptIds.has(hit._id)), took: [uncontrolled.took, kept.took]};
  }

  async function runColumn(column, form) {
    const section = $(column.id);
    const body = section.querySelector('.body');
    section.dataset.state = 'running';
    body.replaceChildren(element('p', 'status', 'searching…'));
    try {
      const query = column.query(form, form.relevance);
      const answer = await search(form, query, form.size, [form.textField]);
      const removed = column.controlled && form.relevance !== 'off'
        ? await removedByRelevanceControl(form, column, query) : null;
      body.replaceChildren(...renderAnswer(form, answer, removed));
      section.dataset.state = 'done';
    } catch (e) {
      body.replaceChildren(element('p', 'error', e.message));
      section.dataset.state = 'failed';
      showError(`${section.querySelector('h2').textContent}: ${e.message}`);
    }
  }

  /**
   * The query's words as the model's user tower reads them (normalised, and spelling-corrected when the model
   * corrects) and the user's brand shares that a brand boost adds, from the node's _embed API.
   */
  async function showReading(form) {
    const reading = $('reading');
    reading.replaceChildren();
    try {
      const answer = await callNode('POST', `/_plugins/mgdspr/models/${encodeURIComponent(form.model)}/_embed`,
        {query: form.query, spelling_correction: form.spellingCorrection, user: inlineContext(form.user)});
      const words = answer.query_words || [];
      const brands = Object.entries(answer.brand_shares || {}).sort(([, a], [, b]) => b - a);
      reading.append('The user tower read the query as: ',
        ...(words.length ? words.map(word => element('span', 'word', word)) : [element('em', '', 'no words')]),
        ' The user\'s brands, as a brand boost weighs them: ',
        ...(brands.length
          ? brands.map(([brand, share]) => element('span', 'brand', `${brand} ${Math.round(100 * share)} %`))
          : [element('em', '', 'none')]));
    } catch (e) {
      showError(`Query reading: ${e.message}`);
    }
  }

  /** The user as an inline context: a profile's context fields as the page loaded them, or the inline one. */
  function inlineContext(user) {
    return user.index === undefined ? user : contextOf(profiles.get(user.id) || {});
  }

  function renderAnswer(form, answer, removed) {
    const total = answer.hits.total ? answer.hits.total.value : answer.hits.hits.length;
    const meta = element('div', 'meta');
    meta.append(element('span', 'took', `took ${answer.took} ms`),
      element('span', 'total', `${answer.hits.hits.length} of ${total} hits`));
    const list = element('ol', 'hits');
    for (const hit of answer.hits.hits) {
      const item = element('li', 'hit');
      item.dataset.id = hit._id;
      const channels = element('span', 'channels');
      const names = hit.matched_queries ? [].concat(hit.matched_queries) : [];
      channels.append(...names.map(name => element('span', 'channel', name.replace(/^mgdspr:/, ''))));
      if (names.length === 0) {
        channels.append(element('span', 'channel none', 'no channel reported'));
      }
      item.append(element('span', 'title', titleOf(hit, form.textField)),
        element('span', 'score', typeof hit._score === 'number' ? hit._score.toFixed(4) : '–'), channels);
      list.append(item);
    }
    const parts = [meta, answer.hits.hits.length ? list : element('p', 'status', 'no hits')];
    parts.push(removed ? renderRemoved(form, removed)
      : element('p', 'removed none', form.relevance === 'off' ? 'relevance control is off'
        : 'relevance control does not apply to BM25'));
    return parts;
  }

  function renderRemoved(form, removed) {
    const section = element('div', 'removed');
    section.append(element('h3', '', `Removed by relevance control: ${removed.hits.length}`),
      element('span', 'diff-took', `diff searches took ${removed.took.map(t => `${t} ms`).join(' + ')}`));
    const list = element('ul');
    for (const hit of removed.hits) {
      const item = element('li', 'removed-hit', titleOf(hit, form.textField));
      item.dataset.id = hit._id;
      list.append(item);
    }
    section.append(list);
    return section;
  }

  function titleOf(hit, field) {
    let value = hit._source;
    for (const part of field.split('.')) {
      value = value && typeof value === 'object' ? value[part] : undefined;
    }
    return value === undefined ? `[${hit._id}]` : String(value);
  }

  async function runSearches() {
    $('errors').replaceChildren();
    let form;
    try {
      form = readForm();
    } catch (e) {
      if (!(e instanceof InputError)) {
        throw e;
      }
      showError(e.message);
      for (const column of COLUMNS) {
        $(column.id).dataset.state = 'idle';
        $(column.id).querySelector('.body').replaceChildren(element('p', 'status', 'not searched: see the error'));
      }
      return;
    }
    $('run').disabled = true;
    try {
      await Promise.all([...COLUMNS.map(column => runColumn(column, form)), showReading(form)]);
    } finally {
      $('run').disabled = false;
    }
  }

  async function start() {
    for (const column of COLUMNS) {
      $(column.id).append(element('div', 'body'));
    }
    $('controls').addEventListener('submit', event => {
      event.preventDefault();
      guard(runSearches);
    });
    $('index').addEventListener('change', () => guard(loadFields));
    $('model').addEventListener('change', modelChanged);
    $('fusion').addEventListener('change', () => { $('fusion').dataset.touched = 'true'; });
    $('profile-index').addEventListener('change', () => guard(loadProfiles));
    $('profile').addEventListener('change', () => {
      $('user-source-profile').checked = true;
      showProfile();
    });
    $('context').addEventListener('input', () => { $('user-source-inline').checked = true; });
    showProfile();
    await Promise.all([guard(loadIndices), guard(loadModels)]);
    chooseVectorField();
    document.body.dataset.ready = 'true';
  }

  start();
})();
