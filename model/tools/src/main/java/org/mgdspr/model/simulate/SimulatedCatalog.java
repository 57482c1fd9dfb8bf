package org.mgdspr.model.simulate;

import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.Product;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The simulated item pool: each item's latent attributes (kept as parallel primitive arrays so a million items
 * fit in a few hundred MB) and the {@link Catalog} of products whose titles were written from them.
 *
 * <p>Brands have a home style, a price tier and one to three first-level categories (some span categories);
 * each brand sells through a flagship shop and a few general shops. A title is the brand name plus a random
 * subset of attribute words plus one synonym of the leaf category plus filler, with shuffled order, typos and
 * model numbers. Product side fields carry names (brand name, canonical leaf name, category query word) so a
 * key-term lexicon can be built from the catalog. Ground truth always uses the latent attributes, so a title that omits "red" still describes a
 * red item, as when only the picture shows the colour.
 */
public final class SimulatedCatalog {

    private final Catalog catalog;
    private final List<String> brandNames;
    private final int[][] brandTops;
    private final int[] brandStyle;
    private final double[] brandWeight;
    private final byte[] leaf;
    private final int[] brand;
    private final byte[] colour;
    private final byte[] style;
    private final byte[] material;
    private final byte[] audience;
    private final byte[] tier;
    private final byte[] synonym;
    private final float[] popularity;
    private final int[][] itemsByLeaf;
    private final int[][] itemsByBrand;

    private SimulatedCatalog(SimulationConfig config, SplittableRandom random) {
        int items = config.items();
        int brands = config.brands();
        brandNames = brandNames(brands, random);
        brandTops = new int[brands][];
        brandStyle = new int[brands];
        brandWeight = new double[brands];
        int[] brandTier = new int[brands];
        int[][] brandShops = new int[brands][];
        int tops = Vocabulary.TOPS.size();
        for (int b = 0; b < brands; b++) {
            // every top category gets brands even when brands == tops; extra categories make some brands span
            int primary = b < tops ? b : random.nextInt(tops);
            int spans = random.nextDouble() < 0.25 ? (random.nextDouble() < 0.3 ? 3 : 2) : 1;
            Set<Integer> topSet = new HashSet<>(List.of(primary));
            while (topSet.size() < spans) {
                topSet.add(random.nextInt(tops));
            }
            brandTops[b] = topSet.stream().mapToInt(Integer::intValue).sorted().toArray();
            brandStyle[b] = random.nextInt(Vocabulary.STYLES.size());
            brandTier[b] = random.nextInt(3);
            brandWeight[b] = 1.0 / Math.pow(1 + random.nextInt(brands), 0.9);
            int resellers = random.nextInt(3);
            brandShops[b] = new int[1 + resellers];
            brandShops[b][0] = b % config.shops();
            for (int s = 1; s <= resellers; s++) {
                brandShops[b][s] = random.nextInt(config.shops());
            }
        }
        double[] cumulativeBrand = cumulative(brandWeight);
        leaf = new byte[items];
        brand = new int[items];
        colour = new byte[items];
        style = new byte[items];
        material = new byte[items];
        audience = new byte[items];
        tier = new byte[items];
        synonym = new byte[items];
        popularity = new float[items];
        List<Product> products = new ArrayList<>(items);
        int leavesPerTop = Vocabulary.TOPS.get(0).leaves().size();
        for (int i = 0; i < items; i++) {
            int b = sample(cumulativeBrand, random);
            int top = brandTops[b][random.nextInt(brandTops[b].length)];
            int l = top * leavesPerTop + random.nextInt(leavesPerTop);
            brand[i] = b;
            leaf[i] = (byte) l;
            colour[i] = (byte) random.nextInt(Vocabulary.COLOURS.size());
            style[i] = (byte) (random.nextDouble() < 0.6 ? brandStyle[b] : random.nextInt(Vocabulary.STYLES.size()));
            material[i] = (byte) random.nextInt(Vocabulary.TOPS.get(top).materials().size());
            audience[i] = (byte) random.nextInt(Vocabulary.AUDIENCES.size());
            tier[i] = (byte) (random.nextDouble() < 0.8 ? brandTier[b] : random.nextInt(3));
            synonym[i] = (byte) random.nextInt(Vocabulary.leaf(l).synonyms().size());
            popularity[i] = (float) Math.exp(random.nextGaussian());
            int shop = brandShops[b][random.nextInt(brandShops[b].length)];
            products.add(new Product("i" + i, title(i, random), "s" + shop, Vocabulary.leaf(l).synonyms().get(0),
                Vocabulary.TOPS.get(top).queryWord(), brandNames.get(b)));
        }
        catalog = new Catalog(products);
        itemsByLeaf = invert(items, i -> leaf[i], Vocabulary.leafCount());
        itemsByBrand = invert(items, i -> brand[i], brands);
    }

    static SimulatedCatalog generate(SimulationConfig config, SplittableRandom random) {
        return new SimulatedCatalog(config, random);
    }

    public Catalog catalog() {
        return catalog;
    }

    public int size() {
        return leaf.length;
    }

    public int brandCount() {
        return brandNames.size();
    }

    /** Lowercase brand name as users type it. */
    public String brandName(int b) {
        return brandNames.get(b);
    }

    public int leaf(int item) {
        return leaf[item];
    }

    public int brand(int item) {
        return brand[item];
    }

    public int colour(int item) {
        return colour[item];
    }

    public int style(int item) {
        return style[item];
    }

    public int material(int item) {
        return material[item];
    }

    public int audience(int item) {
        return audience[item];
    }

    public int tier(int item) {
        return tier[item];
    }

    /** Which synonym of its leaf category the item's title uses. */
    public int synonym(int item) {
        return synonym[item];
    }

    public float popularity(int item) {
        return popularity[item];
    }

    int[] itemsOfLeaf(int l) {
        return itemsByLeaf[l];
    }

    int[] itemsOfBrand(int b) {
        return itemsByBrand[b];
    }

    int[] brandTops(int b) {
        return brandTops[b];
    }

    double brandWeight(int b) {
        return brandWeight[b];
    }

    private String title(int i, SplittableRandom random) {
        List<String> words = new ArrayList<>();
        int top = Vocabulary.topOf(leaf[i]);
        addIf(words, random, 0.85, Vocabulary.COLOURS.get(colour[i]));
        addIf(words, random, 0.5, Vocabulary.STYLES.get(style[i]));
        addIf(words, random, 0.6, Vocabulary.TOPS.get(top).materials().get(material[i]));
        addIf(words, random, 0.6, Vocabulary.AUDIENCES.get(audience[i]));
        addIf(words, random, 0.3, Vocabulary.SIZES.get(random.nextInt(Vocabulary.SIZES.size())));
        if (tier[i] != 1) {
            List<String> tierWords = tier[i] == 0 ? Vocabulary.CHEAP_WORDS : Vocabulary.LUXURY_WORDS;
            addIf(words, random, 0.3, tierWords.get(random.nextInt(tierWords.size())));
        }
        words.add(Vocabulary.leaf(leaf[i]).synonyms().get(synonym[i]));
        if (random.nextDouble() < 0.5) {
            shuffle(words, random);
        }
        int fillers = random.nextInt(3);
        for (int f = 0; f < fillers; f++) {
            words.add(random.nextInt(words.size() + 1), Vocabulary.FILLERS.get(random.nextInt(Vocabulary.FILLERS.size())));
        }
        if (random.nextDouble() < 0.3) {
            words.add((char) ('A' + random.nextInt(26)) + "-" + (100 + random.nextInt(900)));
        }
        if (random.nextDouble() < 0.1) {
            int w = random.nextInt(words.size());
            words.set(w, typo(words.get(w), random));
        }
        String brandWord = capitalize(brandNames.get(brand[i]));
        if (random.nextDouble() < 0.8) {
            words.addFirst(brandWord);
        } else {
            words.add(random.nextInt(words.size() + 1), brandWord);
        }
        return String.join(" ", words);
    }

    /** Drops or swaps one inner letter, as shoppers and sellers do. */
    static String typo(String word, SplittableRandom random) {
        if (word.length() < 4) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 2);
        if (random.nextBoolean()) {
            return word.substring(0, at) + word.substring(at + 1);
        }
        char[] chars = word.toCharArray();
        char swap = chars[at];
        chars[at] = chars[at + 1];
        chars[at + 1] = swap;
        return new String(chars);
    }

    static void shuffle(List<String> words, SplittableRandom random) {
        for (int i = words.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            words.set(i, words.set(j, words.get(i)));
        }
    }

    static int sample(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static void addIf(List<String> words, SplittableRandom random, double probability, String word) {
        if (random.nextDouble() < probability) {
            words.add(word);
        }
    }

    private static List<String> brandNames(int brands, SplittableRandom random) {
        Set<String> names = new HashSet<>();
        List<String> ordered = new ArrayList<>(brands);
        while (ordered.size() < brands) {
            int syllables = 2 + random.nextInt(2);
            StringBuilder name = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                name.append(Vocabulary.SYLLABLES.get(random.nextInt(Vocabulary.SYLLABLES.size())));
            }
            // past a few thousand brands three syllables run out of fresh combinations
            String candidate = names.contains(name.toString()) ? name + Integer.toString(ordered.size(), 36) : name.toString();
            if (names.add(candidate)) {
                ordered.add(candidate);
            }
        }
        return ordered;
    }

    private static String capitalize(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** Item indices grouped by key, ascending within each group. */
    private static int[][] invert(int size, IntUnaryOperator keyOf, int keyCount) {
        int[] counts = new int[keyCount];
        for (int i = 0; i < size; i++) {
            counts[keyOf.applyAsInt(i)]++;
        }
        int[][] inverted = new int[keyCount][];
        for (int k = 0; k < keyCount; k++) {
            inverted[k] = new int[counts[k]];
        }
        int[] fill = new int[keyCount];
        for (int i = 0; i < size; i++) {
            int key = keyOf.applyAsInt(i);
            inverted[key][fill[key]++] = i;
        }
        return inverted;
    }
}
