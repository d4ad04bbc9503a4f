@operations @missing-table @extension
Feature: The session table is missing
  A server pointed at an empty database, and not allowed to create its tables (Sessions:CreateTable off, the default
  for server stores), answers session requests with a 503 whose error names the missing table and both ways to
  create it: `dotnet run --project src/SessionsServer -- schema create` (which makes the session table and, on
  sqlserver and postgres, the key-ring table Sessions:KeyTableName beside it) or Sessions:CreateTable=true. On those
  two stores the key-ring table is the first one a new session reaches, so that is the one named. Routes without a
  session still answer, /healthz says unhealthy (it checks the session table and the key ring), and turning the setting
  on is enough to serve sessions. Redis and memory have no table, so
  they are skipped.

  @req-E4.1
  Scenario: A session request on an empty database names the table and how to create it
    Given instance "A" runs on an empty database and may not create the table
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 503 naming a missing table of the server and both ways to create it
    When browser "alice" calls "/session/login?user=max" on instance "A"
    Then it answers 503 naming a missing table of the server and both ways to create it
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 200
    When browser "alice" calls "/healthz" on instance "A"
    Then it answers 503 naming a missing table of the server and both ways to create it
    When instance "A" is started again with "Sessions:CreateTable" set to "true"
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 1
