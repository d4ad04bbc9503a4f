@beyond @missing-table
Feature: The session table is missing
  A server pointed at an empty database, and not allowed to create the table (Sessions:CreateTable off, the default
  for server stores), answers session requests with a 503 whose error names the table and both ways to create it:
  `dotnet run --project src/SessionsServer -- schema create` or Sessions:CreateTable=true. Routes without a session
  still answer. Redis and memory have no table, so they are skipped.

  Scenario: A session request on an empty database names the table and how to create it
    Given instance "A" runs on an empty database and may not create the table
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 503 naming the missing session table and both ways to create it
    When browser "alice" calls "/session/login?user=max" on instance "A"
    Then it answers 503 naming the missing session table and both ways to create it
    When browser "alice" calls "/hello" on instance "A"
    Then it answers 200
