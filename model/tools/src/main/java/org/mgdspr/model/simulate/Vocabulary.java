package org.mgdspr.model.simulate;

import java.util.List;

/**
 * The words of the simulated English shop: a two-level taxonomy whose leaf categories have synonyms (the source
 * of lexical gaps between queries and titles), attribute words and title filler. Immutable.
 */
final class Vocabulary {

    /** A leaf category; {@code synonyms.get(0)} is the canonical name. */
    record Leaf(String id, List<String> synonyms) {}

    /** A first-level category with its query word, leaves and the materials its items are made of. */
    record Top(String id, String queryWord, List<Leaf> leaves, List<String> materials) {}

    static final List<Top> TOPS = List.of(
        new Top("shoes", "shoes", List.of(
            new Leaf("sneakers", List.of("sneakers", "running shoes", "trainers")),
            new Leaf("boots", List.of("boots", "ankle boots")),
            new Leaf("sandals", List.of("sandals", "flip flops")),
            new Leaf("loafers", List.of("loafers", "slip ons"))),
            List.of("leather", "canvas", "suede", "mesh")),
        new Top("clothing", "clothes", List.of(
            new Leaf("tshirt", List.of("t-shirt", "tee", "top")),
            new Leaf("jacket", List.of("jacket", "coat")),
            new Leaf("jeans", List.of("jeans", "denim pants")),
            new Leaf("dress", List.of("dress", "gown"))),
            List.of("cotton", "wool", "silk", "linen")),
        new Top("furniture", "furniture", List.of(
            new Leaf("sofa", List.of("sofa", "couch", "settee")),
            new Leaf("desk", List.of("desk", "writing table")),
            new Leaf("chair", List.of("chair", "armchair")),
            new Leaf("bed", List.of("bed frame", "bedstead"))),
            List.of("wooden", "leather", "steel", "velvet")),
        new Top("electronics", "electronics", List.of(
            new Leaf("headphones", List.of("headphones", "earphones", "headset")),
            new Leaf("phone", List.of("smartphone", "mobile phone", "cell phone")),
            new Leaf("laptop", List.of("laptop", "notebook computer")),
            new Leaf("tv", List.of("tv", "television"))),
            List.of("plastic", "aluminum", "glass", "metal")),
        new Top("kitchen", "kitchenware", List.of(
            new Leaf("pan", List.of("frying pan", "skillet")),
            new Leaf("kettle", List.of("kettle", "water boiler")),
            new Leaf("knife", List.of("kitchen knife", "chef knife")),
            new Leaf("blender", List.of("blender", "smoothie maker"))),
            List.of("steel", "ceramic", "cast iron", "glass")),
        new Top("sports", "sports gear", List.of(
            new Leaf("yogamat", List.of("yoga mat", "exercise mat")),
            new Leaf("dumbbell", List.of("dumbbells", "hand weights")),
            new Leaf("bike", List.of("bicycle", "bike")),
            new Leaf("tent", List.of("tent", "camping shelter"))),
            List.of("rubber", "steel", "nylon", "foam")),
        new Top("beauty", "cosmetics", List.of(
            new Leaf("lipstick", List.of("lipstick", "lip color")),
            new Leaf("shampoo", List.of("shampoo", "hair wash")),
            new Leaf("perfume", List.of("perfume", "fragrance", "eau de parfum")),
            new Leaf("cream", List.of("face cream", "moisturizer"))),
            List.of("organic", "herbal", "vegan", "mineral")),
        new Top("bags", "bags", List.of(
            new Leaf("backpack", List.of("backpack", "rucksack")),
            new Leaf("handbag", List.of("handbag", "purse")),
            new Leaf("suitcase", List.of("suitcase", "luggage")),
            new Leaf("wallet", List.of("wallet", "billfold"))),
            List.of("leather", "canvas", "nylon", "polyester")));

    static final List<String> COLOURS = List.of("red", "blue", "black", "white", "green", "pink", "grey", "brown",
        "yellow", "purple", "beige", "navy");
    static final List<String> STYLES = List.of("casual", "sporty", "classic", "modern", "vintage", "elegant");
    static final List<String> AUDIENCES = List.of("men", "women", "kids", "unisex");
    static final List<String> SIZES = List.of("small", "medium", "large", "xl");
    /** Words a title may carry for price tiers 0 and 2; tier 1 titles carry none. */
    static final List<String> CHEAP_WORDS = List.of("budget", "value", "cheap");
    static final List<String> LUXURY_WORDS = List.of("luxury", "deluxe", "designer");
    static final List<String> FILLERS = List.of("new", "2024", "hot sale", "free shipping", "premium", "official",
        "original", "best seller", "genuine", "limited edition", "gift", "fashion", "quality");
    static final List<String> SYLLABLES = List.of("ka", "lo", "mi", "ra", "ven", "tor", "zu", "shi", "bel", "dor",
        "na", "fi", "qu", "xen", "ly", "mo", "ar", "tek", "vo", "sa", "rin", "gal", "pe", "ux");

    static final int AUDIENCE_KIDS = 2;
    static final int AUDIENCE_UNISEX = 3;

    private Vocabulary() {}

    static int leafCount() {
        return TOPS.size() * TOPS.get(0).leaves().size();
    }

    /** Leaves are numbered top by top; every top has the same number of leaves. */
    static int topOf(int leaf) {
        return leaf / TOPS.get(0).leaves().size();
    }

    static Leaf leaf(int leaf) {
        int perTop = TOPS.get(0).leaves().size();
        return TOPS.get(leaf / perTop).leaves().get(leaf % perTop);
    }
}
