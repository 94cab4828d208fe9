package dev.cloudflare4j;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One page of a list operation's answer: its items, and the way to the next page. Cloudflare pages
 * a list with the query parameters {@code page} and {@code per_page} and says where the list stands
 * in the envelope's {@code result_info}; {@link #nextPage()} asks for the same list with {@code
 * page} one higher, with the same options. {@link #autoPager()} walks every item of every page,
 * fetching each page only when the items before it have been read.
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

  private final CloudflareCall<List<T>> call;
  private final RawResponse<List<T>> response;

  Page(CloudflareCall<List<T>> call, RawResponse<List<T>> response) {
    this.call = call;
    this.response = response;
  }

  /**
   * Runs a list call and returns the page it answers.
   *
   * @throws NullPointerException if {@code call} is null
   * @throws dev.cloudflare4j.errors.CloudflareException as {@link CloudflareCall#execute()} does
   */
  public static <T> Page<T> fetch(CloudflareCall<List<T>> call) {
    return new Page<>(call, call.executeRaw());
  }

  /** Like {@link #fetch}, with the page as the value of the answer's details. */
  static <T> RawResponse<Page<T>> fetchRaw(CloudflareCall<List<T>> call) {
    RawResponse<List<T>> raw = call.executeRaw();
    Page<T> page = new Page<>(call, raw);
    return raw.map(items -> page);
  }

  /** Like {@link #fetch}, without blocking; cancelling the future cancels the call. */
  public static <T> CompletableFuture<Page<T>> fetchAsync(CloudflareCall<List<T>> call) {
    return call.executeAsync(raw -> new Page<>(call, raw));
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

  /** The page's number from {@code result_info} (1 when the answer does not say). */
  public long pageNumber() {
    return info("page", "page").orElse(1);
  }

  /** How many items the whole list holds, when {@code result_info} says ({@code total_count}). */
  public OptionalLong totalCount() {
    return info("totalCount", "total_count");
  }

  /**
   * Whether another page follows: by {@code result_info}'s total count or total pages when it gives
   * them; else when this page is full ({@code per_page} items). A page with no items is the last;
   * so is one whose answer has no {@code result_info} (a list that Cloudflare does not page).
   */
  public boolean hasNextPage() {
    if (items().isEmpty()) {
      return false;
    }
    long page = pageNumber();
    OptionalLong perPage = info("perPage", "per_page");
    OptionalLong total = totalCount();
    if (perPage.isPresent() && total.isPresent()) {
      return page * perPage.getAsLong() < total.getAsLong();
    }
    OptionalLong totalPages = info("totalPages", "total_pages");
    if (totalPages.isPresent()) {
      return page < totalPages.getAsLong();
    }
    return perPage.isPresent() && items().size() >= perPage.getAsLong();
  }

  /**
   * Fetches the next page.
   *
   * @throws NoSuchElementException if there is none ({@link #hasNextPage()})
   * @throws dev.cloudflare4j.errors.CloudflareException as {@link CloudflareCall#execute()} does
   */
  public Page<T> nextPage() {
    return fetch(nextCall());
  }

  /** Like {@link #nextPage()}, without blocking; the future fails if there is no next page. */
  public CompletableFuture<Page<T>> nextPageAsync() {
    try {
      return fetchAsync(nextCall());
    } catch (NoSuchElementException e) {
      return CompletableFuture.failedFuture(e);
    }
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
              items = page.items().iterator();
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
   * Describes the page's number and size; never its items, which may hold what one would not print.
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
    return call.withQueryParameter("page", Long.toString(pageNumber() + 1));
  }

  /**
   * A number in {@code result_info}: a record component of the generated model by its Java name,
   * or, when the spec leaves {@code result_info} untyped (read as a map), its JSON name.
   */
  private OptionalLong info(String component, String json) {
    Object info = response.envelope().map(Envelope::resultInfo).orElse(null);
    Object value = null;
    if (info instanceof Record record) {
      value = component(record, component);
    } else if (info instanceof Map<?, ?> map) {
      value = map.get(json);
    }
    return value instanceof Number number
        ? OptionalLong.of(number.longValue())
        : OptionalLong.empty();
  }

  private static Object component(Record record, String name) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getName().equals(name)) {
        try {
          return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
          return null;
        }
      }
    }
    return null;
  }
}
