package org.mgdspr.model.teacher;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeacherProjectionTest {

    /** Points spread 10x more along (1, 1, 0, 0) / sqrt 2 than along any other direction, around (5, 0, 0, 5). */
    private static List<float[]> elongatedCloud() {
        SplittableRandom random = new SplittableRandom(7);
        List<float[]> points = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double along = random.nextGaussian() * 10;
            points.add(new float[] {(float) (5 + along / Math.sqrt(2) + random.nextGaussian()),
                (float) (along / Math.sqrt(2) + random.nextGaussian()), (float) random.nextGaussian(),
                (float) (5 + random.nextGaussian())});
        }
        return points;
    }

    @Test
    void theFirstCoordinateFollowsTheDirectionOfLargestVariance() {
        TeacherProjection projection = TeacherProjection.fit(elongatedCloud(), 2);
        float[] onAxis = projection.project(new float[] {5 + 10, 10, 0, 5});
        float[] atMean = projection.project(new float[] {5, 0, 0, 5});
        assertEquals(10 * Math.sqrt(2), Math.abs(onAxis[0]), 0.5);
        assertEquals(0, onAxis[1], 0.5);
        assertEquals(0, atMean[0], 0.5);
        assertEquals(2, projection.dim());
    }

    @Test
    void unitProjectionsHaveLengthOne() {
        TeacherProjection projection = TeacherProjection.fit(elongatedCloud(), 3);
        float[] unit = projection.projectToUnit(new float[] {1, 2, 3, 4});
        assertEquals(1.0, OnnxSentenceEncoderTest.norm(unit), 1e-5);
    }

    @Test
    void invalidShapesAreRefused() {
        List<float[]> cloud = elongatedCloud();
        assertThrows(IllegalArgumentException.class, () -> TeacherProjection.fit(cloud, 5));
        assertThrows(IllegalArgumentException.class, () -> TeacherProjection.fit(cloud.subList(0, 1), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TeacherProjection.fit(cloud, 2).project(new float[3]));
        assertTrue(e.getMessage().contains("4 floats"), e.getMessage());
    }
}
