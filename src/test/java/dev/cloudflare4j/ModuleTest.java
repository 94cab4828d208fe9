package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.errors.CloudflareException;
import dev.cloudflare4j.internal.Failures;
import dev.cloudflare4j.internal.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Documented;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users can reach: the module exports its public packages and nothing else, and the exceptions
 * are read, never made.
 */
class ModuleTest {

  private static final Path INTERNAL = Path.of("src/main/java/dev/cloudflare4j/internal");

  @Test
  void theModuleExportsThePublicPackagesAndNotTheInternals() throws IOException {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.name()).isEqualTo("dev.cloudflare4j");
    Set<String> exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
    assertThat(exported)
        .containsExactlyInAnyOrder(
            "dev.cloudflare4j",
            "dev.cloudflare4j.api",
            "dev.cloudflare4j.errors",
            "dev.cloudflare4j.model",
            "dev.cloudflare4j.sandbox");
    assertThat(descriptor.packages()).contains("dev.cloudflare4j.internal", "dev.cloudflare4j.cli");
    // Opened for reflection to Moshi alone, never exported.
    assertThat(descriptor.opens())
        .filteredOn(o -> o.source().equals("dev.cloudflare4j.internal"))
        .singleElement()
        .satisfies(o -> assertThat(o.targets()).containsExactly("com.squareup.moshi"));
  }

  @Test
  void onlyWhatUsersCallIsPublicAndTheEngineIsUnreachableOnTheClassPath() throws IOException {
    // What users call.
    assertThat(publicTypes(Path.of("src/main/java/dev/cloudflare4j")))
        .containsExactlyInAnyOrder(
            "AccountsService",
            "CloudflareCall",
            "CloudflareClient",
            "Envelope",
            "Page",
            "PageInfo",
            "RawResponse",
            "RequestOptions",
            "RevokedToken",
            "Secret",
            "TokensService",
            "UserService",
            "UserTokensService",
            "Wait");
    // What generated code (annotations, adapters), the exceptions (Failures), the sandbox and the
    // command line (Redaction, ParamCheck, TokenIds) need from another package; nothing of the
    // engine (the call adapter, the executor, retries, pacing, credentials).
    assertThat(publicTypes(INTERNAL))
        .containsExactlyInAnyOrder(
            "Failures",
            "ModelJson",
            "MoshiSupport",
            "Operation",
            "ParamCheck",
            "ParamRule",
            "ReadOnly",
            "Redaction",
            "Required",
            "TokenIds");
    assertThat(
            java.lang.reflect.Modifier.isPublic(
                classNamed("dev.cloudflare4j.CallExecutor").getModifiers()))
        .isFalse();
  }

  /** The top-level types of a source folder that are declared public. */
  private static List<String> publicTypes(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(
              f ->
                  readUnchecked(f)
                      .lines()
                      .anyMatch(
                          l ->
                              l.matches(
                                  "public (final |abstract )?(class|interface|record|enum|@interface) .*")))
          .map(f -> f.getFileName().toString().replace(".java", ""))
          .toList();
    }
  }

  @Test
  void theAnnotationsGeneratedCodeCarriesAreNotDocumented() throws IOException {
    List<String> annotations;
    try (Stream<Path> files = Files.list(INTERNAL)) {
      annotations =
          files
              .filter(f -> readUnchecked(f).contains("public @interface "))
              .map(f -> f.getFileName().toString().replace(".java", ""))
              .sorted()
              .toList();
    }

    assertThat(annotations).contains("Operation", "ParamRule", "Required", "ReadOnly");
    for (String name : annotations) {
      assertThat(load(name).isAnnotationPresent(Documented.class)).as(name).isFalse();
    }
    assertThat(Operation.class.isAnnotationPresent(Documented.class)).isFalse();
  }

  @Test
  void exceptionsHaveNoPublicConstructorsAndShareOneRayId() throws Exception {
    List<Class<?>> exceptions;
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/cloudflare4j/errors"))) {
      exceptions =
          files
              .map(f -> f.getFileName().toString().replace(".java", ""))
              .filter(name -> name.endsWith("Exception"))
              .<Class<?>>map(name -> classNamed("dev.cloudflare4j.errors." + name))
              .toList();
    }

    assertThat(exceptions).hasSize(13);
    for (Class<?> exception : exceptions) {
      assertThat(exception).isAssignableTo(CloudflareException.class);
      assertThat(exception.getConstructors()).as(exception.getName()).isEmpty();
      assertThat(exception.getMethod("rayId").getDeclaringClass())
          .isEqualTo(CloudflareException.class);
    }
    assertThatThrownBy(() -> Failures.register(Failures.build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the exception constructors are already registered");
  }

  private static Class<?> load(String simpleName) {
    return classNamed("dev.cloudflare4j.internal." + simpleName);
  }

  private static Class<?> classNamed(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static String readUnchecked(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
