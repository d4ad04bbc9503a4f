@operations @multi-instance
Feature: Several instances on one store
  Sessions live in the store, and the Kr.Session cookie is protected by the data-protection key ring that the
  server keeps beside them. So any instance that shares the store, the key ring and Sessions:ApplicationName serves
  any session, whichever instance issued the cookie. An instance with another application name has another key
  ring: it cannot read the cookie and starts a fresh session instead, never an error page.

  Each scenario makes a store of its own of the target's kind (database, file or Redis key ring) and starts its
  own instances on it; the browser's cookie jar goes to whichever instance it calls.

  @contract @req-T8.5
  Scenario: Two instances with one key ring serve the same session in turn
    Given instance "A" runs on the scenario's own store
    And instance "B" runs on the scenario's own store
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 1
    When browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 3
    When browser "alice" calls "/session/login?user=max" on instance "A"
    And browser "alice" calls "/session/whoami" on instance "B"
    Then it answers 200 with user "max"

  @extension @req-E5.1
  Scenario: An instance with another application name starts a fresh session for the cookie
    Given instance "A" runs on the same store with application name "Sessions Demo Server"
    And instance "B" runs on the same store with application name "Another Sessions App"
    When browser "alice" calls "/session/counter" on instance "A"
    And browser "alice" calls "/session/counter" on instance "A"
    And browser "alice" calls "/session/login?user=max" on instance "A"
    And browser "alice" calls "/session/whoami" on instance "B"
    Then it answers 401
    When browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 1

  @restart @contract @req-T8.6
  Scenario: A session and its user survive a restart of the server
    Given instance "A" runs on the scenario's own store
    When browser "alice" calls "/session/counter" on instance "A"
    And browser "alice" calls "/session/login?user=max" on instance "A"
    And instance "A" is stopped and started again on the same store
    And browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
