@operations @extension @refused-writes @babelfish-refused-write-aftermath
Feature: The store refuses the session's write
  The store reads, but refuses the write a request makes (a trigger on the scenario's own session table fails every
  insert and every change of a session's value; sliding the expiry still works). What does the client learn, and
  what does the session hold afterwards? Redis and memory have no table for such a trigger, so they are skipped; so
  is Babelfish, where what follows a refused write is a race (the reason says why), while SQL Server runs it.

  Background:
    Given instance "A" runs on the scenario's own store
    And browser "alice" calls "/session/counter" on instance "A"
    And browser "alice" calls "/session/login?user=max" on instance "A"

  @req-E3.6
  Scenario: The tutorial's stack answers 200 for a write the store refused, and the write is gone
    When the store refuses every write to the session table of instance "A"
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"

  @req-E3.7
  Scenario: The hardened stack answers 503 for a write the store refused, and claims nothing it did not keep
    When the store refuses every write to the session table of instance "A"
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 503 naming the store within 10 seconds
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"
