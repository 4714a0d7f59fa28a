package se.caseflow.web.uc;

import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.client.ReactorResourceFactory;
import se.caseflow.web.CaseflowApplication;

/**
 * One caseflow node started from a test: the real application, its component scan kept off the tests'
 * own {@code @TestConfiguration} classes (an embedded Kafka broker, test users). {@link #main} starts one as
 * a separate JVM, for the crash test.
 */
public final class UcNode {

    private UcNode() {}

    public static ConfigurableApplicationContext start(List<String> arguments, Class<?>... extraSources) {
        Class<?>[] sources = new Class<?>[extraSources.length + 2];
        sources[0] = CaseflowApplication.class;
        sources[1] = OwnNettyResources.class;
        System.arraycopy(extraSources, 0, sources, 2, extraSources.length);
        return new SpringApplicationBuilder(sources)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("skipTestConfigurations", new SkipTestConfigurations()))
                .run(arguments.toArray(String[]::new));
    }

    public static void main(String[] args) {
        start(List.of(args));
    }

    /**
     * Reactor Netty's global event loops are shared by every server in a JVM, and closing one Boot application
     * disposes them: a node of its own resources can stop without taking the other nodes (and the test
     * contexts Spring caches in the same JVM) down with it.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class OwnNettyResources {
        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }

    static final class SkipTestConfigurations extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SkipTestConfigurations;
        }

        @Override
        public int hashCode() {
            return SkipTestConfigurations.class.hashCode();
        }
    }
}
