package org.mgdspr.model.nn;

import ai.djl.ndarray.NDList;

import org.mgdspr.model.features.LongTermList;

import java.util.List;
import java.util.Objects;

/**
 * The embedded input of a user-tower block ({@code d} = tower dim). Inputs a tower config does not read hold
 * length-0 sequences ({@code (B, 0, w)}, mask {@code (B, 0)}).
 *
 * @param query     the query granularities and the query history
 * @param realTime  real-time behaviour items {@code (B, maxRealTime, d)}, each the concatenation
 *                  {@code [item; shop; leaf; category; brand]} of its field embeddings; masked by the item id
 * @param shortTerm short-term behaviour items {@code (B, maxShortTerm, d)}, same layout
 * @param longTerm  per long-term attribute (item, shop, leaf category, brand) its action lists
 *                  {@code (B, 3, maxLongTerm, fieldWidth)} in click/buy/collect order, embedded by the attribute's
 *                  behaviour field table, with mask {@code (B, 3, maxLongTerm)}
 */
public record UserTowerInput(QueryInput query, MaskedSequence realTime, MaskedSequence shortTerm,
                             List<MaskedSequence> longTerm) implements TowerInput {

    /** Arrays in {@link #toNDList()}. */
    public static final int SIZE = QueryInput.SIZE + (2 + LongTermList.ATTRIBUTES) * MaskedSequence.SIZE;

    public UserTowerInput {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(realTime, "realTime");
        Objects.requireNonNull(shortTerm, "shortTerm");
        longTerm = List.copyOf(longTerm);
        if (longTerm.size() != LongTermList.ATTRIBUTES) {
            throw new IllegalArgumentException(
                "long-term input needs " + LongTermList.ATTRIBUTES + " attributes, got " + longTerm.size());
        }
    }

    @Override
    public NDList toNDList() {
        NDList list = new NDList(SIZE);
        list.addAll(query.toNDList());
        list.addAll(realTime.toNDList());
        list.addAll(shortTerm.toNDList());
        longTerm.forEach(attribute -> list.addAll(attribute.toNDList()));
        return list;
    }

    /** The inverse of {@link #toNDList()}. */
    public static UserTowerInput from(NDList list) {
        if (list.size() != SIZE) {
            throw new IllegalArgumentException("a user-tower input has " + SIZE + " arrays, got " + list.size());
        }
        int at = QueryInput.SIZE;
        MaskedSequence realTime = MaskedSequence.from(list, at);
        MaskedSequence shortTerm = MaskedSequence.from(list, at + MaskedSequence.SIZE);
        at += 2 * MaskedSequence.SIZE;
        MaskedSequence[] longTerm = new MaskedSequence[LongTermList.ATTRIBUTES];
        for (int attribute = 0; attribute < longTerm.length; attribute++) {
            longTerm[attribute] = MaskedSequence.from(list, at + attribute * MaskedSequence.SIZE);
        }
        return new UserTowerInput(QueryInput.from(list, 0), realTime, shortTerm, List.of(longTerm));
    }
}
