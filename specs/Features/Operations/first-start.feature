@operations @first-start @extension
Feature: Instances that start at once on a new store
  A rolling deployment starts several instances on a new database at once, each allowed to create its tables
  (Sessions:CreateTable=true). Creating the session table, the key-ring table and the first data-protection key must
  not be a race that one of them loses: both come up, and a session started on either is served by the other.
  Memory keeps its sessions inside one process, so it is skipped; on Redis there is no table, and the key ring starts
  empty under an application name of the scenario's own.

  Found by these scenarios: two servers creating one table at once made one of them fail its first session request
  (PostgreSQL's CREATE TABLE IF NOT EXISTS races on its catalog); the stock session reads that as an empty, unavailable
  session and answers 200 without a cookie, so nothing was kept. The idempotent DDL now runs again when it lost such
  a race, in both profiles.

  The first key of an empty ring: data protection makes one when the ring it read holds none, so instances that start
  together may each make one, and each keeps using its own. The tutorial profile keeps that stock behaviour: they read
  each other's cookies only because .NET 10 re-reads the ring for an unknown key in the first two minutes after an
  instance starts; a cookie under the other's key that first reaches an instance later is taken as foreign, a fresh
  session, until the ring's daily refresh. The hardened profile makes the first key under the store's lock, so every
  instance uses one key.

  @req-E4.3
  Scenario: Two instances that start at once on an empty store both come up and serve each other's sessions
    Given instances "A" and "B" start at once on a store no server has used yet, both allowed to create its tables
    When browser "alice" on instance "A" and browser "bob" on instance "B" call "/session/counter" at once
    Then both answer 200 with counter 1
    When browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 2
    When browser "bob" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2

  @req-E4.4
  Scenario: Two instances that start at once on an empty key ring protect their cookies with one key
    Given instances "A" and "B" start at once on a store no server has used yet, both allowed to create its tables
    When browser "alice" on instance "A" and browser "bob" on instance "B" call "/session/counter" at once
    Then both answer 200 with counter 1
    And the cookies of browsers "alice" and "bob" are protected by one key
