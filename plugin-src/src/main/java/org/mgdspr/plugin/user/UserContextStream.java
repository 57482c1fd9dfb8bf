package org.mgdspr.plugin.user;

import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.UserContext;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The transport form of a {@link UserContext}: its lists as they are, without the JSON text and parse that the
 * REST form needs. The long-term lists travel in {@link LongTermList} order, all twelve, so both ends agree on them
 * without keys.
 */
public final class UserContextStream {

    private UserContextStream() {}

    public static void write(StreamOutput out, UserContext context) throws IOException {
        out.writeCollection(context.realTime(), UserContextStream::writeItem);
        out.writeCollection(context.shortTerm(), UserContextStream::writeItem);
        for (LongTermList list : LongTermList.values()) {
            out.writeStringCollection(context.longTerm().get(list));
        }
        out.writeStringCollection(context.queryHistory());
    }

    public static UserContext read(StreamInput in) throws IOException {
        List<BehaviorItem> realTime = in.readList(UserContextStream::readItem);
        List<BehaviorItem> shortTerm = in.readList(UserContextStream::readItem);
        Map<LongTermList, List<String>> longTerm = new EnumMap<>(LongTermList.class);
        for (LongTermList list : LongTermList.values()) {
            longTerm.put(list, in.readStringList());
        }
        return new UserContext(realTime, shortTerm, longTerm, in.readStringList());
    }

    private static void writeItem(StreamOutput out, BehaviorItem item) throws IOException {
        out.writeString(item.itemId());
        out.writeString(item.shop());
        out.writeString(item.leafCategory());
        out.writeString(item.category());
        out.writeString(item.brand());
    }

    private static BehaviorItem readItem(StreamInput in) throws IOException {
        return new BehaviorItem(in.readString(), in.readString(), in.readString(), in.readString(), in.readString());
    }
}
