package se.caseflow.web;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The string constants of a compiled class: every {@code CONSTANT_String} of its constant pool, that is each string
 * literal, each compile-time concatenation and each constant part of a runtime concatenation (JVMS 4.4). ArchUnit sees
 * the calls a class makes, not the SQL it passes; this reads the class file it was imported from.
 */
final class ClassFileStrings {

    private ClassFileStrings() {}

    static List<String> of(JavaClass javaClass) {
        try (InputStream in = javaClass
                        .getSource()
                        .orElseThrow(() -> new IllegalStateException("no class file for " + javaClass.getName()))
                        .getUri()
                        .toURL()
                        .openStream();
                DataInputStream data = new DataInputStream(in)) {
            return read(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> strings = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[index] = in.readUTF(); // Utf8 (modified UTF-8, as readUTF reads it)
                case 8 -> strings.add(in.readUnsignedShort()); // String: index of its Utf8
                case 7, 16, 19, 20 -> in.skipNBytes(2); // Class, MethodType, Module, Package
                case 15 -> in.skipNBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 ->
                    in.skipNBytes(4); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> {
                    in.skipNBytes(8); // Long, Double: they take two entries
                    index++;
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + index);
            }
        }
        return strings.stream().map(index -> utf8[index]).toList();
    }
}
