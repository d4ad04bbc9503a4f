@operations @extension @key-ring
Feature: A key ring that cannot be read
  The session cookie is protected with the data-protection key ring kept beside the sessions. When that ring is there
  but cannot be read (a folder path that is a file, an object named like the key table that is not one, a Redis key
  of the wrong type), no server can protect a new session key or read a cookie's. What the client is told must still
  be the server's own words: the driver's error (which may carry paths, hosts or SQL) belongs in the server log.

  @req-E5.3
  Scenario: The tutorial's stack answers a bare 500 on every route, /hello too
    Given instance "A" runs with a key ring that is there but cannot be read
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 500 with exactly {"error":"Internal server error"}
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 500 with exactly {"error":"Internal server error"}

  @req-E5.4
  Scenario: The hardened stack answers 503 saying the key ring cannot be read, /hello still answers, /healthz says unhealthy
    Given instance "A" runs with a key ring that is there but cannot be read
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 503 saying only that the store's key ring cannot be read
    When browser "alice" calls "/session/login?user=max" on instance "A"
    Then it answers 503 saying only that the store's key ring cannot be read
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 200
    When browser "alice" calls "/healthz" on instance "A"
    Then the health check answers 503 saying only that the store's key ring cannot be read
