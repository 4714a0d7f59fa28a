package se.caseflow.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code key=value} command-line arguments with integer defaults; an unknown key is an error. */
final class Options {

    private Options() {}

    static Map<String, Integer> parse(String[] args, Map<String, Integer> defaults) {
        Map<String, Integer> options = new HashMap<>(defaults);
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !defaults.containsKey(pair[0])) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; known: " + defaults.keySet());
            }
            options.put(pair[0], Integer.parseInt(pair[1]));
        }
        return options;
    }
}
