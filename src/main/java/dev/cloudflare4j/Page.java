package dev.cloudflare4j;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One page of a list operation's answer: its items, and the way to the next page. Cloudflare pages
 * a list either by number (the query parameters {@code page} and {@code per_page}; the envelope's
 * {@code result_info} says where the list stands) or by cursor ({@code result_info.cursor}, or
 * {@code result_info.cursors.after}, sent back as the query parameter {@code cursor}); {@link
 * #nextPage()} asks for the same list's next page, with the same options. {@link #autoPager()}
 * walks every item of every page, fetching each page only when the items before it have been read.
 *
 * <p>Every walk ends: on a page with no items, on the last page (by {@code total_count}, {@code
 * total_pages}, a page less than full, or a cursor list's page without a cursor), on an answer
 * without {@code result_info} (a list Cloudflare does not page), and when the server answers a page
 * it already gave (a page number other than the one asked for, a cursor already followed, or the
 * same items again), which is logged (WARNING, logger {@code dev.cloudflare4j}) rather than
 * followed round forever.
 *
 * <p>Works for any generated operation whose call yields a list, bound or added:
 *
 * <pre>{@code
 * for (IamTokenBase token : Page.fetch(api.accountApiTokensListTokens(params)).autoPager()) {
 *   ...
 * }
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class Page<T> {

  private static final Logger LOG = System.getLogger("dev.cloudflare4j");

  private final CloudflareCall<List<T>> call;
  private final RawResponse<List<T>> response;

  /** The page before this one in a walk, or null; only its items and cursors are kept. */
  private final Trail trail;

  /** Whether this page repeats one the walk had, once decided ({@link #repeats()}). */
  private volatile Boolean repeats;

  /** What a walk has seen before a page: the previous page's items and the cursors followed. */
  private record Trail(List<?> items, Set<String> cursors) {}

  private Page(CloudflareCall<List<T>> call, RawResponse<List<T>> response, Trail trail) {
    this.call = call;
    this.response = response;
    this.trail = trail;
  }

  /**
   * Runs a list call and returns the page it answers.
   *
   * @throws NullPointerException if {@code call} is null
   * @throws dev.cloudflare4j.errors.CloudflareException as {@link CloudflareCall#execute()} does
   */
  public static <T> Page<T> fetch(CloudflareCall<List<T>> call) {
    return new Page<>(call, call.executeRaw(), null);
  }

  /** Like {@link #fetch}, with the page as the value of the answer's details. */
  static <T> RawResponse<Page<T>> fetchRaw(CloudflareCall<List<T>> call) {
    RawResponse<List<T>> raw = call.executeRaw();
    Page<T> page = new Page<>(call, raw, null);
    return raw.map(items -> page);
  }

  /** Like {@link #fetch}, without blocking; cancelling the future cancels the call. */
  public static <T> CompletableFuture<Page<T>> fetchAsync(CloudflareCall<List<T>> call) {
    return call.executeAsync(raw -> new Page<>(call, raw, null));
  }

  /** The page's items, in Cloudflare's order; empty when the answer holds none. */
  public List<T> items() {
    List<T> items = response.value();
    return items == null ? List.of() : items;
  }

  /** The answer this page came in: status, headers, ray id, attempts and envelope. */
  public RawResponse<List<T>> response() {
    return response;
  }

  /**
   * Where the page stands in its list, from the envelope's {@code result_info}; empty when the
   * answer has none.
   */
  public Optional<PageInfo> pageInfo() {
    return response.envelope().map(Envelope::pageInfo);
  }

  /**
   * The page's number: as {@code result_info} gives it, else the number asked for ({@code page}),
   * else 1.
   */
  public long pageNumber() {
    OptionalLong given = pageInfo().map(PageInfo::page).orElse(OptionalLong.empty());
    return given.isPresent() ? given.getAsLong() : asked();
  }

  /** How many items the whole list holds, when {@code result_info} says ({@code total_count}). */
  public OptionalLong totalCount() {
    return pageInfo().map(PageInfo::totalCount).orElse(OptionalLong.empty());
  }

  /**
   * Whether another page follows (see the class's description for when a walk ends): by cursor,
   * when {@code result_info} gives one not yet followed; by number, by {@code result_info}'s total
   * count or total pages when it gives them, else when this page is full ({@code per_page} items).
   */
  public boolean hasNextPage() {
    Optional<PageInfo> given = pageInfo();
    if (items().isEmpty() || given.isEmpty() || repeats()) {
      return false;
    }
    PageInfo info = given.get();
    if (info.byCursor()) {
      return info.cursor().isPresent();
    }
    long page = pageNumber();
    OptionalLong perPage = info.perPage();
    OptionalLong total = info.totalCount();
    if (perPage.isPresent() && total.isPresent()) {
      return page * perPage.getAsLong() < total.getAsLong();
    }
    OptionalLong totalPages = info.totalPages();
    if (totalPages.isPresent()) {
      return page < totalPages.getAsLong();
    }
    return perPage.isPresent() && items().size() >= perPage.getAsLong();
  }

  /**
   * Whether the server answered a page the walk already had: a number other than the one asked for,
   * a cursor already followed, or the previous page's items again. Such a page ends the walk, and
   * {@link #autoPager()} leaves its items out. Decided, and logged, once.
   */
  boolean repeats() {
    Boolean known = repeats;
    if (known == null) {
      known = findRepeat();
      repeats = known;
    }
    return known;
  }

  private boolean findRepeat() {
    if (trail == null || pageInfo().isEmpty()) {
      return false;
    }
    PageInfo info = pageInfo().orElseThrow();
    String why = null;
    if (info.byCursor()) {
      if (info.cursor().isPresent() && trail.cursors().contains(info.cursor().get())) {
        why = "a cursor it already gave";
      }
    } else if (info.page().isPresent() && info.page().getAsLong() != asked()) {
      why = "page " + info.page().getAsLong() + " when asked for page " + asked();
    }
    if (why == null && items().equals(trail.items())) {
      why = "the previous page's items again";
    }
    if (why != null) {
      LOG.log(
          Level.WARNING,
          "{0}: the server answered {1}; the list ends here",
          call.operationId(),
          why);
      return true;
    }
    return false;
  }

  /** The page number this page's call asked for ({@code page}), 1 when it asked for none. */
  private long asked() {
    String page = call.queryParameter("page");
    if (page != null) {
      try {
        // As the call sent it: 4, or 4.0 from a BigDecimal argument.
        return new java.math.BigDecimal(page).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return 1;
      }
    }
    return 1;
  }

  /**
   * Fetches the next page.
   *
   * @throws NoSuchElementException if there is none ({@link #hasNextPage()})
   * @throws dev.cloudflare4j.errors.CloudflareException as {@link CloudflareCall#execute()} does
   */
  public Page<T> nextPage() {
    CloudflareCall<List<T>> next = nextCall();
    return new Page<>(next, next.executeRaw(), nextTrail());
  }

  /** Like {@link #nextPage()}, without blocking; the future fails if there is no next page. */
  public CompletableFuture<Page<T>> nextPageAsync() {
    CloudflareCall<List<T>> next;
    try {
      next = nextCall();
    } catch (NoSuchElementException e) {
      return CompletableFuture.failedFuture(e);
    }
    Trail trail = nextTrail();
    return next.executeAsync(raw -> new Page<>(next, raw, trail));
  }

  /**
   * Every item of this page and the pages after it, fetched lazily (blocking) as the iteration
   * reaches them; each iteration starts again from this page.
   */
  public Iterable<T> autoPager() {
    return () ->
        new Iterator<>() {
          private Page<T> page = Page.this;
          private Iterator<T> items = page.items().iterator();

          @Override
          public boolean hasNext() {
            while (!items.hasNext() && page.hasNextPage()) {
              page = page.nextPage();
              // A page the server repeats is the walk's end, not more items.
              items =
                  page.repeats() ? java.util.Collections.emptyIterator() : page.items().iterator();
            }
            return items.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException("no more items");
            }
            return items.next();
          }
        };
  }

  /**
   * Describes the page's number and size; never its items, which may hold what one would not print,
   * nor a cursor.
   */
  @Override
  public String toString() {
    return "Page{"
        + call.operationId()
        + ", page="
        + pageNumber()
        + ", items="
        + items().size()
        + "}";
  }

  private CloudflareCall<List<T>> nextCall() {
    if (!hasNextPage()) {
      throw new NoSuchElementException("page " + pageNumber() + " is the last");
    }
    PageInfo info = pageInfo().orElseThrow();
    return info.byCursor()
        ? call.withQueryParameter("cursor", info.cursor().orElseThrow())
        : call.withQueryParameter("page", Long.toString(pageNumber() + 1));
  }

  /** The trail of the next page: this page's items and every cursor followed so far. */
  private Trail nextTrail() {
    Set<String> cursors = new HashSet<>(trail == null ? Set.of() : trail.cursors());
    pageInfo().flatMap(PageInfo::cursor).ifPresent(cursors::add);
    return new Trail(items(), cursors);
  }
}
