package se.caseflow.domain.gate;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Command names are schema file names and record names at once: {@code OpenCase} -> api.OpenCase. */
final class CommandTypes {

    private static final String API_PACKAGE = "se.caseflow.domain.api.";

    private final Map<String, Class<?>> classes;

    CommandTypes(Set<String> names) {
        this.classes = names.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), CommandTypes::load));
    }

    Class<?> classOf(String type) {
        return classes.get(type);
    }

    private static Class<?> load(String name) {
        try {
            Class<?> type = Class.forName(API_PACKAGE + name);
            if (!type.isRecord()) {
                throw new IllegalStateException("Command " + name + " must be a record");
            }
            return type;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Schema commands/" + name + " has no record " + API_PACKAGE + name, e);
        }
    }
}
