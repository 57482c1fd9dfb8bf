package org.mgdspr.plugin.query;

import com.carrotsearch.randomizedtesting.generators.RandomPicks;
import com.carrotsearch.randomizedtesting.generators.RandomStrings;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.UserContext;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Random user contexts with every kind of field: numeric-looking, quoted and non-ASCII values, empty lists. */
final class RandomUserContexts {

    private RandomUserContexts() {}

    static UserContext context(Random random) {
        Map<LongTermList, List<String>> longTerm = new EnumMap<>(LongTermList.class);
        for (LongTermList list : LongTermList.values()) {
            if (random.nextBoolean()) {
                longTerm.put(list, strings(random, random.nextInt(5), () -> RandomStrings.randomAsciiLettersOfLengthBetween(
                    random, 1, 8)));
            }
        }
        List<String> history = strings(random, random.nextInt(4),
            () -> RandomStrings.randomUnicodeOfLengthBetween(random, 1, 12).replace("\u0000", "x"));
        return new UserContext(items(random), items(random), longTerm, history);
    }

    private static List<BehaviorItem> items(Random random) {
        List<BehaviorItem> items = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            items.add(new BehaviorItem(RandomStrings.randomAsciiLettersOfLengthBetween(random, 1, 6),
                RandomPicks.randomFrom(random, List.of("", "s1", "\"quoted\"", "42")),
                RandomStrings.randomAsciiLettersOfLengthBetween(random, 0, 4),
                RandomPicks.randomFrom(random, List.of("", "c\u00e9")),
                RandomStrings.randomAsciiLettersOfLengthBetween(random, 0, 4)));
        }
        return items;
    }

    private static List<String> strings(Random random, int count, Supplier<String> value) {
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(value.get());
        }
        return values;
    }
}
