@operations @outage @tutorial-outage @serial-in-lane @extension @req-E3.4
Feature: The tutorial's stack when the store goes away
  What ASP.NET Core's own session on the tutorial's cache really does when the store is cut off, stated exactly so a
  change in it is noticed. It does not fail the request: the session that cannot be loaded becomes an empty one, the
  route answers 200 as for a new visitor, and whatever the request wrote is dropped without a word to the client.
  The session written before the outage is still in the store and is served again once the store is back. Compare
  "The store goes away, slows down and comes back", what the hardened profile does instead (503, nothing dropped).
  SQLite and memory run inside the server process: there is no connection to cut, so they are skipped.

  Background:
    Given instance "A" reaches the store through a fault proxy, with an I/O timeout of 2 seconds
    And browser "alice" calls "/session/counter" on instance "A"
    And browser "alice" calls "/session/login?user=max" on instance "A"

  Scenario: While the store is cut off, the stock session answers as for a new visitor and drops the write
    When the store is cut off
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 1
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 401
    When the store is back
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"
