@operations @extension
Feature: The tutorial's stack when the store is slow or its tables are missing
  What ASP.NET Core's own session on the tutorial's cache does when the store answers late or the database was never
  given its tables, stated exactly so that a change in it is noticed. Compare "The store goes away, slows down and
  comes back" and "The session table is missing", what the hardened profile does instead (503 within the I/O
  timeout; 503 naming the table and how to create it).
  The stock session loads synchronously on first access, outside the I/O timeout (which bounds only its commit), so a
  slow store holds the request for as long as the store takes. On an empty database the key-ring table (SQL Server,
  PostgreSQL) is reached first: the stock session middleware protects a new session key on every request without a
  cookie, so every route, /hello too, becomes the server's generic 500. On SQLite the key ring is a folder, so the stock
  session swallows the missing session table and every request looks like a new visitor's.

  @slow-store @req-E3.5
  Scenario: A store slower than the I/O timeout holds the request as long as it takes, and the write is kept
    Given instance "A" reaches the store through a fault proxy, with an I/O timeout of 2 seconds
    And browser "alice" calls "/session/counter" on instance "A"
    When the store answers 3000 ms late
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    And it took longer than 2 seconds
    When the store is back
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 3

  @missing-table @key-ring-in-table @req-E4.2
  Scenario: On an empty SQL Server or PostgreSQL database every route answers a bare 500 that names nothing, /hello too
    Given instance "A" runs on an empty database and may not create the table
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 500 with exactly {"error":"Internal server error"}
    When browser "alice" calls "/session/login?user=max" on instance "A"
    Then it answers 500 with exactly {"error":"Internal server error"}
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 500 with exactly {"error":"Internal server error"}
    When browser "bob" calls "/hello" on instance "A"
    Then it answers 500 with exactly {"error":"Internal server error"}
    When instance "A" is started again with "Sessions:CreateTable" set to "true"
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 1

  @missing-table @key-ring-in-folder @req-E4.2
  Scenario: On an empty SQLite file every request looks like a new visitor's and nothing is kept
    Given instance "A" runs on an empty database and may not create the table
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 1
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 1
    When browser "alice" calls "/session/login?user=max" on instance "A"
    And browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 401
