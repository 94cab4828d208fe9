/** A consumer of cloudflare4j on the module path. */
module example.consumer {
  requires dev.cloudflare4j;

  exports example;
}
