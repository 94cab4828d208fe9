package dev.cloudflare4j.cli;

import com.squareup.moshi.JsonWriter;
import dev.cloudflare4j.CloudflareClient;
import dev.cloudflare4j.RevokedToken;
import dev.cloudflare4j.Secret;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenGetParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenListParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenValueUpdateParams;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenVerifyParams;
import dev.cloudflare4j.errors.CloudflareIoException;
import dev.cloudflare4j.errors.CloudflareServiceException;
import dev.cloudflare4j.internal.Redaction;
import dev.cloudflare4j.internal.TokenIds;
import dev.cloudflare4j.model.IamTokenBase;
import dev.cloudflare4j.model.TokenVerifyResponse;
import dev.cloudflare4j.sandbox.CloudflareSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import okio.Buffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The token commands besides delete: {@code list}, {@code get}, {@code verify}, {@code roll} and
 * {@code revoke-leaked}. Same credentials, exit codes and {@code --json} as delete.
 */
final class TokenCommands {

  private TokenCommands() {}

  /** The options every one of these commands takes, and how they build the client. */
  static final class Connection {

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Option(
        names = "--base-url",
        paramLabel = "<url>",
        description = "API root; overrides CLOUDFLARE_BASE_URL.")
    String baseUrl;

    @Option(
        names = "--max-retries",
        paramLabel = "<n>",
        description = "Retries after a failed attempt (default: 2).")
    Integer maxRetries;

    @Option(
        names = "--max-server-wait",
        paramLabel = "<seconds>",
        description =
            "The longest wait a refusal may ask for (a 429's Retry-After) before a retry; a longer"
                + " one fails the request at once (default: 60). A long run sets 300 or more to"
                + " wait out Cloudflare's five-minute block.")
    Integer maxServerWait;

    @Option(
        names = "--sandbox",
        description =
            "Run against an embedded fake of the API on 127.0.0.1, seeded with the tokens the"
                + " command names under its account: nothing reaches Cloudflare.")
    boolean sandbox;

    // The sandbox a --sandbox run started, closed when the run ends.
    private CloudflareSandbox fake;

    CloudflareClient client(Main main) {
      return builder(main).build();
    }

    /**
     * A builder with the environment's credentials and these options; with {@code --sandbox}, the
     * started sandbox's address and token instead.
     */
    CloudflareClient.Builder builder(Main main) {
      if (fake != null) {
        return retries(
            CloudflareClient.builder().apiToken(fake.apiToken()).baseUrl(fake.baseUrl()));
      }
      CloudflareClient.Builder builder = CloudflareClient.builder().fromEnv(main.env);
      if (baseUrl != null) {
        builder.baseUrl(baseUrl);
      }
      return retries(builder);
    }

    /**
     * With {@code --sandbox}, starts the sandbox, seeded with these tokens of the account (those
     * that keep the client's id rules, as many as an account holds: Cloudflare's quota, which the
     * sandbox keeps), and says so on stderr; without it, nothing.
     */
    void startSandbox(String accountId, java.util.List<String> tokenIds, PrintStream err) {
      if (!sandbox) {
        return;
      }
      fake = CloudflareSandbox.start();
      int seeded = 0;
      if (accountId != null && TokenIds.ACCOUNT_ID.accepts(accountId)) {
        for (String tokenId : new java.util.LinkedHashSet<>(tokenIds)) {
          if (TokenIds.TOKEN_ID.accepts(tokenId)) {
            if (seeded == CloudflareSandbox.ACCOUNT_TOKEN_QUOTA) {
              err.println(
                  "the sandbox holds at most "
                      + CloudflareSandbox.ACCOUNT_TOKEN_QUOTA
                      + " tokens per account (Cloudflare's quota): later ids are not seeded");
              break;
            }
            fake.createToken(accountId, tokenId);
            seeded++;
          }
        }
      }
      err.println(
          "using the embedded sandbox at "
              + fake.baseUrl()
              + (seeded > 0 ? ", seeded with the given tokens" : "")
              + ": nothing reaches Cloudflare");
    }

    /** Stops the sandbox a {@code --sandbox} run started, if any. */
    void stopSandbox() {
      if (fake != null) {
        fake.close();
        fake = null;
      }
    }

    /** The builder with {@code --max-retries}, when given. */
    CloudflareClient.Builder retries(CloudflareClient.Builder builder) {
      if (maxServerWait != null) {
        if (maxServerWait < 0) {
          throw new IllegalArgumentException(
              "--max-server-wait must be a whole number of seconds from 0 (was "
                  + maxServerWait
                  + ")");
        }
        builder.maxServerWait(java.time.Duration.ofSeconds(maxServerWait));
      }
      return maxRetries == null ? builder : builder.maxRetries(maxRetries);
    }
  }

  /** A command's work with the client; its exit code. */
  interface Work {
    int run(CloudflareClient client);
  }

  /**
   * Builds the client and runs the work; a refusal, a network failure or bad input ends it with its
   * exit code and one line on stderr.
   */
  static int run(Main main, Connection connection, Work work) {
    return run(main, connection, null, java.util.List.of(), work);
  }

  /**
   * Like {@link #run(Main, Connection, Work)}; with {@code --sandbox}, against a sandbox seeded
   * with these tokens of the account.
   */
  static int run(
      Main main,
      Connection connection,
      String accountId,
      java.util.List<String> tokenIds,
      Work work) {
    connection.startSandbox(accountId, tokenIds, main.err);
    try (CloudflareClient client = connection.client(main)) {
      return work.run(client);
    } catch (CloudflareServiceException e) {
      main.err.println("error: " + e.getMessage());
      return Main.API_FAILURE;
    } catch (CloudflareIoException e) {
      main.err.println("error: network failure: " + e.getMessage());
      return Main.NETWORK_FAILURE;
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      main.err.println("error: " + e.getMessage());
      return Main.USAGE;
    } finally {
      connection.stopSandbox();
    }
  }

  /** One JSON object, written by {@code body}. */
  static String json(JsonBody body) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.beginObject();
      body.write(writer);
      writer.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** Writes the fields of a JSON object. */
  interface JsonBody {
    void write(JsonWriter writer) throws IOException;
  }

  /** {@code cloudflare4j tokens list}: every token of an account, one line each. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = {
        "List an account's API tokens (every page): id, status, expiry, last use and name.",
        "Credentials come from the environment, as for delete."
      })
  static final class List implements Callable<Integer> {
    @ParentCommand Main.Tokens tokens;
    @Mixin Connection connection;

    @Option(
        names = "--account-id",
        required = true,
        paramLabel = "<id>",
        description = "The account whose tokens to list (32 hex characters).")
    String accountId;

    @Override
    public Integer call() {
      Main main = tokens.main;
      return run(
          main,
          connection,
          client -> {
            TokenListParams params = TokenListParams.builder().accountId(accountId).build();
            for (IamTokenBase token : client.accounts().tokens().list(params).autoPager()) {
              main.out.println(connection.json ? asJson(token) : asText(token));
            }
            return Main.OK;
          });
    }

    private static String asText(IamTokenBase token) {
      return String.join(
          "\t",
          token.id(),
          token.status() == null ? "-" : token.status().raw(),
          token.expiresOn() == null ? "-" : token.expiresOn().toString(),
          token.lastUsedOn() == null ? "-" : token.lastUsedOn().toString(),
          String.valueOf(token.name()));
    }

    private static String asJson(IamTokenBase token) {
      return json(
          w -> {
            w.name("id").value(token.id());
            w.name("name").value(token.name());
            w.name("status").value(token.status() == null ? null : token.status().raw());
            w.name("expires_on").value(text(token.expiresOn()));
            w.name("last_used_on").value(text(token.lastUsedOn()));
          });
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /**
   * {@code cloudflare4j tokens verify}: the credential the CLI was given, as Cloudflare sees it.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = {
        "Verify the API token the CLI was given (CLOUDFLARE_API_TOKEN): its id, status and expiry.",
        "An account-owned token (cfat_) is verified with --account-id; a user token without it."
      })
  static final class Verify implements Callable<Integer> {
    @ParentCommand Main.Tokens tokens;
    @Mixin Connection connection;

    @Option(
        names = "--account-id",
        paramLabel = "<id>",
        description = "Verify at this account's endpoint (for an account-owned token).")
    String accountId;

    @Override
    public Integer call() {
      Main main = tokens.main;
      return run(
          main,
          connection,
          client -> {
            TokenVerifyResponse verified =
                accountId == null
                    ? client.user().tokens().verify()
                    : client
                        .accounts()
                        .tokens()
                        .verify(TokenVerifyParams.builder().accountId(accountId).build());
            main.out.println(
                connection.json
                    ? json(
                        w -> {
                          w.name("id").value(verified.id());
                          w.name("status").value(verified.status().raw());
                          w.name("expires_on").value(text(verified.expiresOn()));
                        })
                    : "token "
                        + verified.id()
                        + ": "
                        + verified.status().raw()
                        + (verified.expiresOn() == null
                            ? ", no expiry"
                            : ", expires " + verified.expiresOn()));
            return Main.OK;
          });
    }
  }

  /** {@code cloudflare4j tokens revoke-leaked}: revokes the token a leaked value belongs to. */
  @Command(
      name = "revoke-leaked",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = {
        "Revoke the token whose secret value leaked. The value is read from standard input only"
            + " (never an argument: arguments land in shell history and process lists), surrounding"
            + " whitespace removed; it is sent once, as the credential of Cloudflare's Verify Token,"
            + " which names the token; then the CLI's own credential deletes it. The value is never"
            + " printed.",
        "A cfat_ value is looked up at the account, a cfut_ value at the user, an older value at"
            + " both; a cfk_ Global API Key cannot be revoked through the API.",
        "With --scan, every prefixed credential in a text (a log, a paste) is revoked and reported"
            + " by token id; a Global API Key found is reported, to be changed in the dashboard."
      })
  static final class RevokeLeaked implements Callable<Integer> {

    /** More than any credential: a longer input is not one value. */
    private static final int MAX_INPUT = 4096;

    /** The most text --scan reads. */
    private static final int MAX_SCAN = 64 * 1024 * 1024;

    @Option(
        names = "--scan",
        paramLabel = "<file>|-",
        description =
            "Find every prefixed credential (cfat_, cfut_, cfk_) in this text file ('-' for"
                + " standard input) and revoke each token found.")
    String scan;

    @ParentCommand Main.Tokens tokens;
    @Mixin Connection connection;

    @Option(
        names = "--account-id",
        required = true,
        paramLabel = "<id>",
        description = "The account that owns the token (32 hex characters).")
    String accountId;

    @Override
    public Integer call() {
      Main main = tokens.main;
      if (scan != null) {
        return scan(main);
      }
      String leaked;
      try {
        leaked = readValue(main.in);
      } catch (IllegalArgumentException e) {
        main.err.println("error: " + e.getMessage());
        return Main.USAGE;
      }
      return run(
          main,
          connection,
          client -> {
            RevokedToken revoked = client.accounts().tokens().revokeLeaked(accountId, leaked);
            String owner = owner(revoked);
            main.out.println(
                connection.json
                    ? json(
                        w -> {
                          w.name("token_id").value(revoked.id());
                          w.name("owner").value(owner);
                          w.name("revoked").value(revoked.wasRevoked());
                          w.name("outcome").value(outcome(revoked));
                        })
                    : revoked.wasRevoked()
                        ? "token " + revoked.id() + ": revoked (" + owner + "-owned)"
                        : NOT_ACCEPTED);
            return Main.OK;
          });
    }

    /** Revokes every token whose value the text holds; reports each by id, never by value. */
    private int scan(Main main) {
      String text;
      try (InputStream in =
          scan.equals("-")
              ? main.in
              : java.nio.file.Files.newInputStream(java.nio.file.Path.of(scan))) {
        byte[] bytes = in.readNBytes(MAX_SCAN + 1);
        if (bytes.length > MAX_SCAN) {
          main.err.println("error: --scan reads at most 64 MiB");
          return Main.USAGE;
        }
        text = new String(bytes, StandardCharsets.UTF_8);
      } catch (IOException | java.nio.file.InvalidPathException e) {
        main.err.println("error: --scan: cannot read " + scan + ": " + e.getMessage());
        return Main.USAGE;
      }
      java.util.List<Redaction.Found> found = Redaction.find(text);
      if (found.isEmpty()) {
        main.err.println("no Cloudflare credential (cfat_, cfut_, cfk_, cfoat_, cfast_) found");
        return Main.OK;
      }
      return run(
          main,
          connection,
          client -> {
            int exit = Main.OK;
            for (Redaction.Found credential : found) {
              exit = Math.max(exit, revokeFound(client, credential, main));
            }
            return exit;
          });
    }

    private int revokeFound(CloudflareClient client, Redaction.Found credential, Main main) {
      String where = credential.prefix() + "... on line " + credential.line();
      if (credential.prefix().equals(Redaction.GLOBAL_KEY_PREFIX)) {
        main.err.println(
            where
                + ": a Global API Key: the API cannot revoke it; change it in the dashboard (My"
                + " Profile > API Tokens > Global API Key > Change)");
        report(main, where, null, "global_api_key");
        return Main.API_FAILURE;
      }
      try {
        RevokedToken revoked =
            client.accounts().tokens().revokeLeaked(accountId, credential.value());
        if (!revoked.wasRevoked()) {
          if (connection.json) {
            report(main, where, null, "not_accepted");
          } else {
            main.out.println(where + ": " + NOT_ACCEPTED);
          }
          return Main.OK;
        }
        String owner = owner(revoked);
        if (connection.json) {
          report(main, where, revoked.id(), "revoked");
        } else {
          main.out.println("token " + revoked.id() + ": revoked (" + owner + "-owned), " + where);
        }
        return Main.OK;
      } catch (CloudflareServiceException e) {
        main.err.println(where + ": " + e.getMessage());
        report(main, where, null, "refused");
        return Main.API_FAILURE;
      } catch (CloudflareIoException e) {
        main.err.println(where + ": network failure: " + e.getMessage());
        report(main, where, null, "network_failure");
        return Main.NETWORK_FAILURE;
      } catch (IllegalArgumentException e) {
        main.err.println(where + ": not sent: " + e.getMessage());
        if (credential.prefix().equals(Redaction.WRANGLER_OAUTH_PREFIX)
            || credential.prefix().equals(Redaction.ACCESS_SERVICE_SECRET_PREFIX)) {
          // A credential, but no API token: what to do instead is in the message.
          report(main, where, null, "not_an_api_token");
          return Main.API_FAILURE;
        }
        report(main, where, null, "not_sent");
        return Main.USAGE;
      }
    }

    /** With --json, one object per credential found: where, which token, what became of it. */
    private void report(Main main, String where, String tokenId, String outcome) {
      if (connection.json) {
        main.out.println(
            json(
                w -> {
                  w.name("found").value(where);
                  w.name("token_id").value(tokenId);
                  w.name("outcome").value(outcome);
                }));
      }
    }

    /** What the CLI says of a value Cloudflare no longer accepts: an outcome, not a failure. */
    static final String NOT_ACCEPTED =
        "not accepted by Cloudflare (already revoked, rolled or expired, or never a token):"
            + " nothing left to revoke";

    /**
     * Who owned a token, as the CLI says it: {@code account} or {@code user}; null when unknown (a
     * value not accepted, without a prefix).
     */
    private static String owner(RevokedToken revoked) {
      if (revoked.owner() == null) {
        return null;
      }
      return revoked.owner() == RevokedToken.Owner.ACCOUNT ? "account" : "user";
    }

    /** The outcome, as the CLI's JSON says it. */
    private static String outcome(RevokedToken revoked) {
      return revoked.wasRevoked() ? "revoked" : "not_accepted";
    }

    /** The one value on standard input, without surrounding whitespace. */
    static String readValue(InputStream in) {
      byte[] bytes;
      try {
        bytes = in.readNBytes(MAX_INPUT + 1);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read standard input: " + e.getMessage(), e);
      }
      if (bytes.length > MAX_INPUT) {
        throw new IllegalArgumentException(
            "standard input holds more than " + MAX_INPUT + " bytes: give the one leaked value");
      }
      String value = new String(bytes, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException(
            "revoke-leaked reads the leaked value from standard input, and it was empty");
      }
      if (value.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "standard input holds more than one word: give the one leaked value");
      }
      return value;
    }
  }

  /** {@code cloudflare4j tokens get}: one token's details. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = "Show one token: id, name, status, dates and how many policies it has.")
  static final class Get implements Callable<Integer> {
    @ParentCommand Main.Tokens tokens;
    @Mixin Connection connection;

    @Option(
        names = "--account-id",
        required = true,
        paramLabel = "<id>",
        description = "The account that owns the token (32 hex characters).")
    String accountId;

    @picocli.CommandLine.Parameters(paramLabel = "<token-id>", description = "The token.")
    String tokenId;

    @Override
    public Integer call() {
      Main main = tokens.main;
      return run(
          main,
          connection,
          accountId,
          java.util.List.of(tokenId),
          client -> {
            IamTokenBase token =
                client
                    .accounts()
                    .tokens()
                    .get(tokenId, TokenGetParams.builder().accountId(accountId).build());
            int policies = token.policies() == null ? 0 : token.policies().size();
            main.out.println(
                connection.json
                    ? json(
                        w -> {
                          w.name("id").value(token.id());
                          w.name("name").value(token.name());
                          w.name("status")
                              .value(token.status() == null ? null : token.status().raw());
                          w.name("issued_on").value(text(token.issuedOn()));
                          w.name("modified_on").value(text(token.modifiedOn()));
                          w.name("expires_on").value(text(token.expiresOn()));
                          w.name("last_used_on").value(text(token.lastUsedOn()));
                          w.name("policies").value(policies);
                        })
                    : "id: "
                        + token.id()
                        + "\nname: "
                        + token.name()
                        + "\nstatus: "
                        + (token.status() == null ? "-" : token.status().raw())
                        + "\nissued_on: "
                        + orDash(token.issuedOn())
                        + "\nmodified_on: "
                        + orDash(token.modifiedOn())
                        + "\nexpires_on: "
                        + orDash(token.expiresOn())
                        + "\nlast_used_on: "
                        + orDash(token.lastUsedOn())
                        + "\npolicies: "
                        + policies);
            return Main.OK;
          });
    }
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }

  /** {@code cloudflare4j tokens roll}: a new secret value for a token, alone on stdout. */
  @Command(
      name = "roll",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = {
        "Roll a token's secret: Cloudflare makes a new value and the old one stops working at once."
            + " The new value is printed alone on stdout, once, for piping into a secret store"
            + " (cloudflare4j tokens roll ... | your-secret-store put ...); a warning goes to"
            + " stderr. Nothing else ever prints a token's value."
      })
  static final class Roll implements Callable<Integer> {
    @ParentCommand Main.Tokens tokens;
    @Mixin Connection connection;

    @Option(
        names = "--account-id",
        required = true,
        paramLabel = "<id>",
        description = "The account that owns the token (32 hex characters).")
    String accountId;

    @picocli.CommandLine.Parameters(paramLabel = "<token-id>", description = "The token to roll.")
    String tokenId;

    @Override
    public Integer call() {
      Main main = tokens.main;
      return run(
          main,
          connection,
          accountId,
          java.util.List.of(tokenId),
          client -> {
            Secret value =
                client
                    .accounts()
                    .tokens()
                    .value()
                    .update(
                        tokenId,
                        TokenValueUpdateParams.builder()
                            .accountId(accountId)
                            .body(java.util.Map.of())
                            .build());
            main.out.println(
                connection.json
                    ? json(
                        w -> {
                          w.name("token_id").value(tokenId);
                          w.name("value").value(value.reveal());
                        })
                    : value.reveal());
            main.err.println(
                "warning: the new value of token "
                    + tokenId
                    + " is on stdout and will not be shown again; the old value no longer works");
            return Main.OK;
          });
    }
  }
}
