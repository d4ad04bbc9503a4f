@operations @outage @serial-in-lane @extension
Feature: The store goes away, slows down and comes back
  A TCP fault proxy sits between one server instance and its store, so the store can be cut off or slowed down
  without touching it. While the store does not answer, a session request answers 503 with a JSON error naming the
  store within the I/O timeout (plus one second for the network and the client), /hello still answers, and /healthz
  says the store is unhealthy. When the store is back, the very next request is served and the sessions written
  before are there, with no restart — connections the cut killed must not be handed out again.
  SQLite and memory run inside the server process: there is no connection to cut, so they are skipped.
  The bounds are timed, so these scenarios run after all the others, not beside dozens on two cores: one at a time
  per store (tag serial-in-lane; a store's two profiles share its lane), beside another store's.

  Background:
    Given instance "A" reaches the store through a fault proxy, with an I/O timeout of 2 seconds
    And browser "alice" calls "/session/counter" on instance "A"
    And browser "alice" calls "/session/login?user=max" on instance "A"
    # The pool now holds several connections; the cut kills them all, and the server must not hand a dead one out later.
    And 8 other browsers call "/session/counter" on instance "A" at once

  @req-E3.1 @req-E1.2
  Scenario: While the store is cut off, session requests answer 503 fast, and the session survives
    When the store is cut off
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 503 naming the store within 3 seconds
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 503 naming the store within 3 seconds
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 200
    When browser "alice" calls "/healthz" on instance "A"
    Then it answers 503 naming the store within 3 seconds
    When the store is back
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"
    When browser "alice" calls "/healthz" on instance "A"
    Then it answers 200

  # A server often starts before its database is ready. Whatever it failed to read while the store was away (the
  # key ring, its connection pool's state) must not stick once the store is back.
  @req-E3.2
  Scenario: An instance started while the store is cut off serves the session once the store is back
    When the store is cut off
    And instance "B" starts with the same settings as instance "A"
    And browser "alice" calls "/session/counter" on instance "B"
    Then it answers 503 naming the store within 3 seconds
    When the store is back
    And browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/whoami" on instance "B"
    Then it answers 200 with user "max"

  @slow-store @req-E3.3
  Scenario: A store slower than the I/O timeout answers 503 within the bound
    When the store answers 3000 ms late
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 503 naming the store within 3 seconds
    When the store is back
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2

  @slow-store @req-E3.3
  Scenario: A store a little slow, well inside the I/O timeout, is served normally
    When the store answers 100 ms late
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"

  # The common real outage: the host stops answering but its connections stay open, so nothing fails fast and only the
  # server's own bound ends the wait.
  @req-E3.8
  Scenario: While the store hangs, session requests answer 503 within the bound, and the session survives
    When the store stops answering but keeps its connections open
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 503 naming the store within 3 seconds
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 200
    When the store is back
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"

  @req-E3.8
  Scenario: An instance started while the store hangs answers 503 within the bound, and serves once the store is back
    When the store stops answering but keeps its connections open
    And instance "B" starts with the same settings as instance "A"
    And browser "alice" calls "/session/counter" on instance "B"
    Then it answers 503 naming the store within 3 seconds
    When the store is back
    And browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 2
