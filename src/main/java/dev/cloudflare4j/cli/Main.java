package dev.cloudflare4j.cli;

import com.squareup.moshi.JsonWriter;
import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.Wait;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.errors.NotFoundException;
import dev.cloudflare4j.internal.Redaction;
import dev.cloudflare4j.model.ResponseInfo;
import dev.cloudflare4j.model.TokenDeleteResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code cloudflare4j} command line: {@code cloudflare4j tokens delete --account-id <id>
 * <token-id>...} revokes tokens from a terminal, with the same credentials as {@link
 * CloudflareClient#fromEnv()}. Exit codes: 0 every token deleted, 1 Cloudflare refused at least one
 * delete, 2 usage error, 3 network failure; when tokens fail differently the highest wins.
 */
@Command(
    name = "cloudflare4j",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Cloudflare API from the command line.",
    footerHeading = Main.ENVIRONMENT_HEADING,
    footer = {Main.TOKEN_VAR, Main.KEY_VARS, Main.SERVICE_KEY_VAR, Main.BASE_URL_VAR})
public final class Main implements Runnable {

  static final String ENVIRONMENT_HEADING = "%nEnvironment:%n";
  static final String TOKEN_VAR =
      "  CLOUDFLARE_API_TOKEN                  API token, sent as Authorization: Bearer";
  static final String KEY_VARS =
      "  CLOUDFLARE_API_KEY, CLOUDFLARE_EMAIL  legacy API key with its email";
  static final String SERVICE_KEY_VAR =
      "  CLOUDFLARE_API_USER_SERVICE_KEY       Origin CA user service key";
  static final String BASE_URL_VAR =
      "  CLOUDFLARE_BASE_URL                   API root (default: Cloudflare's)";

  /** Every token was deleted. */
  static final int OK = 0;

  /** Cloudflare refused at least one delete. */
  static final int API_FAILURE = 1;

  /** Bad options or arguments, or no usable credential. */
  static final int USAGE = 2;

  /** At least one delete failed on the network. */
  static final int NETWORK_FAILURE = 3;

  final Function<String, String> env;
  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  // Whether stderr is a terminal: progress is shown then.
  final boolean terminal;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  Main(
      Function<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean terminal) {
    this.terminal = terminal;
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /**
   * The types whose converters picocli is told not to look up (a {@code
   * picocli.converters.excludes} value): the options are strings, numbers and flags, and looking
   * these up loads about 80 classes, a tenth of picocli's start.
   */
  static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
    CommandLine command =
        command(new Main(System::getenv, System.in, System.out, System.err, isTerminal()), args);
    System.exit(command.execute(args));
  }

  /**
   * Whether the process talks to a terminal. From JDK 22, {@code System.console()} is not null
   * without one either; its {@code isTerminal()} (JDK 22) tells them apart.
   */
  @SuppressWarnings("SystemConsoleNull") // checked by isTerminal() where the JDK has it
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22, a console is a terminal
    }
  }

  /**
   * Runs the command line with the given environment (such as {@code Map::get}) and streams,
   * without exiting; returns the exit code.
   */
  public static int run(
      String[] args, Function<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, InputStream.nullInputStream(), out, err);
  }

  /** Like {@link #run(String[], Function, PrintStream, PrintStream)}, with this standard input. */
  public static int run(
      String[] args,
      Function<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err) {
    return command(new Main(env, in, out, err, false), args).execute(args);
  }

  /** The token commands' names, in the order help lists them. */
  static final List<String> TOKEN_COMMANDS =
      List.of("delete", "list", "get", "verify", "roll", "revoke-leaked");

  /**
   * The command tree for these arguments. Picocli models each command it is given by reflection
   * before it parses (for the five token commands a run does not use, about a tenth of the CLI's
   * start), so when the arguments name a token command ({@code tokens delete ...}) the tree holds
   * that one alone; otherwise it holds them all, for help and for suggestions after a typo.
   */
  static CommandLine command(Main main, String[] args) {
    CommandLine tokens = new CommandLine(new Tokens());
    if (args.length > 1 && args[0].equals("tokens") && TOKEN_COMMANDS.contains(args[1])) {
      tokens.addSubcommand(tokenCommand(args[1]));
    } else {
      TOKEN_COMMANDS.forEach(name -> tokens.addSubcommand(tokenCommand(name)));
    }
    CommandLine command = new CommandLine(main).addSubcommand(tokens);
    command.setOut(new PrintWriter(main.out, true, StandardCharsets.UTF_8));
    command.setErr(new PrintWriter(main.err, true, StandardCharsets.UTF_8));
    command.setParameterExceptionHandler(Main::usageError);
    return command;
  }

  /**
   * A usage error in a few lines, not the whole help: an option the command does not have is named
   * first, with the one it most likely meant (a typo otherwise reads as a missing required option),
   * then picocli's own message and where the help is.
   */
  static int usageError(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    PrintWriter err = command.getErr();
    // Options are a command's own: only a command without subcommands can name one it lacks.
    String unknown =
        command.getSubcommands().isEmpty() ? unknownOption(command.getCommandSpec(), args) : null;
    if (unknown != null) {
      String meant = closestOption(command.getCommandSpec(), unknown);
      err.println(
          "error: "
              + command.getCommandName()
              + " has no option "
              + unknown
              + (meant == null ? "" : "; did you mean " + meant + "?"));
    }
    err.println("error: " + error.getMessage());
    if (unknown == null) {
      // A mistyped command: picocli names the ones meant ("Did you mean: tokens delete?").
      CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
    }
    err.println("'" + command.getCommandSpec().qualifiedName() + " --help' lists the options.");
    return USAGE;
  }

  /** The first argument that looks like an option this command does not have, or null. */
  private static String unknownOption(CommandLine.Model.CommandSpec spec, String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return null; // what follows is parameters
      }
      if (arg.startsWith("-") && arg.length() > 1) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (spec.findOption(name) == null && spec.subcommands().get(name) == null) {
          return name;
        }
      }
    }
    return null;
  }

  /** The option of this command nearest to a mistyped one (at most 3 edits away), or null. */
  private static String closestOption(CommandLine.Model.CommandSpec spec, String typed) {
    String best = null;
    int bestDistance = 4;
    for (CommandLine.Model.OptionSpec option : spec.options()) {
      for (String name : option.names()) {
        int distance = editDistance(typed, name);
        if (distance < bestDistance) {
          best = name;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A new token command of this name, one of {@link #TOKEN_COMMANDS}. */
  static Object tokenCommand(String name) {
    return switch (name) {
      case "delete" -> new Delete();
      case "list" -> new TokenCommands.List();
      case "get" -> new TokenCommands.Get();
      case "verify" -> new TokenCommands.Verify();
      case "roll" -> new TokenCommands.Roll();
      case "revoke-leaked" -> new TokenCommands.RevokeLeaked();
      default -> throw new IllegalArgumentException("no token command " + name);
    };
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Prints the library version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cloudflare4j " + CloudflareClient.VERSION};
    }
  }

  /** {@code cloudflare4j tokens}: account-owned API tokens. */
  @Command(
      name = "tokens",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = "API tokens: delete, list, get, verify, roll, revoke-leaked.")
  static final class Tokens implements Runnable {
    @ParentCommand Main main;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
  }

  /** {@code cloudflare4j tokens delete}: revokes tokens, one line of output per token. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = {
        "Delete (revoke) account-owned API tokens. Each token is deleted in turn; a failure is"
            + " reported on stderr and the others still go ahead. Give '-' to read the ids from"
            + " standard input, one a line (blank lines and # comments skipped). With more than"
            + " one token, a summary ends the run on stderr; a terminal also sees progress.",
        "Credentials come from the environment (see below); only an API token can delete tokens."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:every token was deleted",
        "1:Cloudflare refused at least one delete (HTTP error)",
        "2:usage error: bad options, an invalid id, no credential",
        "3:at least one delete failed on the network"
      },
      footerHeading =
          "When tokens fail differently, the highest code wins.%n" + ENVIRONMENT_HEADING,
      footer = {TOKEN_VAR, KEY_VARS, SERVICE_KEY_VAR, BASE_URL_VAR})
  static final class Delete implements Callable<Integer> {

    private static final Pattern RATE_LIMIT =
        Pattern.compile("([1-9][0-9]{0,5})/([1-9][0-9]{0,5})");

    @ParentCommand Tokens tokens;

    @Option(
        names = "--account-id",
        required = true,
        paramLabel = "<id>",
        description = "The account that owns the tokens (32 hex characters).")
    String accountId;

    @Parameters(
        arity = "1..*",
        paramLabel = "<token-id>",
        description = "Tokens to delete; '-' reads them from standard input.")
    List<String> tokenIds;

    @CommandLine.Mixin TokenCommands.Connection connection;

    @Option(
        names = "--progress",
        negatable = true,
        description =
            "Show progress on stderr (default: when stderr is a terminal); --no-progress hides it.")
    Boolean progress;

    @Option(
        names = "--rate-limit",
        paramLabel = "<n>/<seconds>",
        defaultValue = "1200/300",
        description =
            "Start at most n requests in any window of that many seconds, so that a bulk run is"
                + " not refused for Cloudflare's rate limit (default: ${DEFAULT-VALUE}, its"
                + " documented limit per user; lower it when other clients share the user);"
                + " 'off' for no limit.")
    String rateLimit;

    @Option(
        names = "--ignore-missing",
        description =
            "Count a token that is already gone (404) as deleted, so that a re-run of an"
                + " interrupted revocation finishes cleanly.")
    boolean ignoreMissing;

    @Override
    public Integer call() {
      Main main = tokens.main;
      List<String> ids;
      try {
        ids = tokenIds.equals(List.of("-")) ? readIds(main.in) : tokenIds;
      } catch (IllegalArgumentException e) {
        main.err.println("error: " + e.getMessage());
        return USAGE;
      }
      connection.startSandbox(accountId, ids, main.err);
      try {
        Tally tally = new Tally(ids.size(), showProgress(main) ? main.err : null);
        CloudflareClient client;
        try {
          client = buildClient(main, tally);
          checkAccountId(client);
        } catch (IllegalArgumentException | IllegalStateException e) {
          main.err.println("error: " + e.getMessage());
          return USAGE;
        }
        try (client) {
          for (int i = 0; i < ids.size(); i++) {
            tally.count(delete(client, ids.get(i), i + 1, main.out, main.err));
          }
          tally.end(main.err);
          return tally.exit;
        }
      } finally {
        connection.stopSandbox();
      }
    }

    /** The ids on standard input: one a line, blank lines and {@code #} comments skipped. */
    private static List<String> readIds(InputStream in) {
      List<String> ids = new java.util.ArrayList<>();
      try (java.io.BufferedReader reader =
          new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String id = line.strip();
          if (!id.isEmpty() && !id.startsWith("#")) {
            ids.add(id);
          }
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read standard input: " + e.getMessage(), e);
      }
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("'-' reads token ids from standard input: none given");
      }
      return ids;
    }

    /**
     * Checks the account id once, by the spec's rule, before any token: a bad one is a usage error,
     * not one failure per token. The call is only built (calls are deferred), never sent.
     */
    private void checkAccountId(CloudflareClient client) {
      try {
        client
            .api(dev.cloudflare4j.api.AccountOwnedApiTokensApi.class)
            .accountApiTokensDeleteToken(accountId, "0".repeat(32));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("--account-id: " + e.getMessage(), e);
      }
    }

    private boolean showProgress(Main main) {
      return progress != null ? progress : main.terminal;
    }

    /** What became of one token, and the exit code it calls for. */
    enum Outcome {
      DELETED("deleted", OK),
      ALREADY_GONE("already gone", OK),
      REFUSED("refused", API_FAILURE),
      NOT_SENT("not sent", USAGE),
      NETWORK_FAILURE("network failures", Main.NETWORK_FAILURE);

      final String label;
      final int exit;

      Outcome(String label, int exit) {
        this.label = label;
        this.exit = exit;
      }
    }

    /**
     * What became of the tokens so far, the exit code, and the progress line: how many are done,
     * and what a wait of a second or more is for.
     */
    static final class Tally {
      // Shorter waits (the spacing of requests by the rate limit) would only make the line flicker.
      private static final Duration SHOWN_WAIT = Duration.ofSeconds(1);

      private final int total;
      private final PrintStream progress;
      private final java.util.EnumMap<Outcome, Integer> counts =
          new java.util.EnumMap<>(Outcome.class);
      private int done;
      // The length of the progress line shown last, so that a shorter one blanks what is left.
      private int shown;
      int exit = OK;

      Tally(int total, PrintStream progress) {
        this.total = total;
        this.progress = progress;
      }

      void count(Outcome outcome) {
        counts.merge(outcome, 1, Integer::sum);
        exit = Math.max(exit, outcome.exit);
        done++;
        show(done + "/" + total + " done");
      }

      /** Shows on the progress line a wait of a second or more: how long, and what for. */
      void waiting(Wait wait) {
        if (wait.delay().compareTo(SHOWN_WAIT) >= 0) {
          show(
              done
                  + "/"
                  + total
                  + " done, waiting "
                  + seconds(wait.delay())
                  + " for "
                  + wait.reason().description());
        }
      }

      /** A wait in whole seconds, rounded up: "45 s", "4 min 58 s". */
      static String seconds(Duration wait) {
        long seconds = wait.plusNanos(999_999_999L).toSeconds();
        return seconds < 60
            ? seconds + " s"
            : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
      }

      private void show(String line) {
        if (progress != null) {
          progress.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
          progress.flush();
          shown = line.length();
        }
      }

      /** Ends the progress line; with more than one token, says what became of them. */
      void end(PrintStream err) {
        if (progress != null) {
          err.println();
        }
        if (total > 1) {
          StringBuilder summary = new StringBuilder("summary: " + total + " tokens: ");
          String separator = "";
          for (Map.Entry<Outcome, Integer> count : counts.entrySet()) {
            summary
                .append(separator)
                .append(count.getValue())
                .append(' ')
                .append(count.getKey().label);
            separator = ", ";
          }
          err.println(summary);
        }
      }
    }

    private CloudflareClient buildClient(Main main, Tally tally) {
      CloudflareClient.Builder builder = connection.builder(main).onWait(tally::waiting);
      if (!rateLimit.equals("off")) {
        Matcher budget = RATE_LIMIT.matcher(rateLimit);
        if (!budget.matches()) {
          throw new IllegalArgumentException(
              "--rate-limit must be <n>/<seconds>, both whole numbers from 1, or off");
        }
        builder.rateLimit(
            Integer.parseInt(budget.group(1)), Duration.ofSeconds(Long.parseLong(budget.group(2))));
      }
      return builder.build();
    }

    private Outcome delete(
        CloudflareClient client, String tokenId, int position, PrintStream out, PrintStream err) {
      TokenDeleteParams params;
      try {
        params = TokenDeleteParams.builder().accountId(accountId).build();
        Optional<TokenDeleteResponse> deleted = client.accounts().tokens().delete(tokenId, params);
        String id = deleted.map(TokenDeleteResponse::id).orElse(tokenId);
        out.println(
            connection.json
                ? jsonLine(tokenId, null, true, 200, List.of(), null, null)
                : "token " + id + ": deleted");
        return Outcome.DELETED;
      } catch (NotFoundException e) {
        if (!ignoreMissing) {
          return refused(tokenId, e, out, err);
        }
        out.println(
            connection.json
                ? jsonLine(tokenId, null, true, e.statusCode(), e.errors(), e.rayId(), null)
                : "token " + tokenId + ": already gone (404)");
        return Outcome.ALREADY_GONE;
      } catch (CloudflareServiceException e) {
        return refused(tokenId, e, out, err);
      } catch (CloudflareIoException e) {
        err.println("token " + tokenId + ": network failure: " + e.getMessage());
        if (connection.json) {
          out.println(jsonLine(tokenId, null, false, null, List.of(), null, e.getMessage()));
        }
        return Outcome.NETWORK_FAILURE;
      } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
        // A refused id is not echoed: it may be a secret pasted in the wrong place (a real API
        // token is longer than any id). It is named by its position instead.
        err.println("token argument " + position + ": not sent: " + e.getMessage());
        if (connection.json) {
          out.println(jsonLine(null, position, false, null, List.of(), null, e.getMessage()));
        }
        return Outcome.NOT_SENT;
      }
    }

    private Outcome refused(
        String tokenId, CloudflareServiceException e, PrintStream out, PrintStream err) {
      err.println("token " + tokenId + ": " + e.getMessage());
      if (connection.json) {
        out.println(
            jsonLine(tokenId, null, false, e.statusCode(), e.errors(), e.rayId(), e.getMessage()));
      }
      return Outcome.REFUSED;
    }

    private static String jsonLine(
        String tokenId,
        Integer argument,
        boolean deleted,
        Integer status,
        List<ResponseInfo> errors,
        String rayId,
        String error) {
      Buffer buffer = new Buffer();
      try (JsonWriter writer = JsonWriter.of(buffer)) {
        writer.beginObject();
        if (tokenId != null) {
          writer.name("token_id").value(tokenId);
        } else {
          writer.name("argument").value(argument);
        }
        writer.name("deleted").value(deleted);
        writer.name("status").value(status);
        if (!errors.isEmpty()) {
          writer.name("errors").beginArray();
          for (ResponseInfo info : errors) {
            writer
                .beginObject()
                .name("code")
                .value(info.code())
                .name("message")
                .value(Redaction.redact(info.message()));
            writer.endObject();
          }
          writer.endArray();
        }
        writer.name("cf_ray").value(rayId);
        writer.name("error").value(error);
        writer.endObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return buffer.readUtf8();
    }
  }
}
