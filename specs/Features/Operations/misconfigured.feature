@operations @store-login @extension
Feature: A store that refuses the server's login or rights
  A wrong password, or a login that may connect but holds no right on the server's tables, is the operator's to
  fix: no retry and no wait cures it. The hardened server answers such a session request 500 with the project's own
  words (the store's name, that it is a configuration problem), not 503 "unavailable", which clients and load
  balancers retry; the driver's text, which names the login and the database, goes to the server log as an error.
  Only the relational stores ask the suite's servers for a login; memory, sqlite and the test Redis are skipped.

  @req-E3.9
  Scenario: A wrong password answers 500 saying the store refused the login, /hello still answers
    Given instance "A" runs on the scenario's own store with a wrong password
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 500 saying only that the store is misconfigured: "it refused the server's login"
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 200
    When browser "alice" calls "/healthz" on instance "A"
    Then the health check answers 503 saying only that the store is misconfigured: "it refused the server's login"

  @req-E3.9
  Scenario: A login without rights on the tables answers 500 saying it lacks a right
    Given instance "A" runs on the scenario's own store
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 1
    Given instance "B" runs on the same store under a login without rights on its tables
    When browser "alice" calls "/session/counter" on instance "B"
    Then it answers 500 saying only that the store is misconfigured: "the server's login lacks a right it needs"
