@operations @extension
Feature: Many sessions and parallel requests
  The server keeps every session apart under load, and this is what it promises for parallel requests on one
  session.

  # @serial: the load run has the machine to itself, so it neither slows the timed outage scenarios nor is slowed.
  # Every store runs 64 sessions except sqlserver, which runs 16 (as the benchmark does): on Babelfish a login costs
  # 60 ms on an idle two-core machine and several times that on a busy one, and a cold SqlClient pool opens its
  # connections one at a time, so 32 or 64 sessions arriving at once left a few first requests waiting past the 10 s
  # I/O timeout for a connection (503, as promised) while other builds shared the machine. SQL Server logs in faster.
  @load @serial @req-E7.1
  Scenario: Many sessions counting to 50 at once stay exact and apart
    When the browsers in this store's row each store a marker of their own and call "/session/counter" 50 times, all at once:
      | store     | browsers |
      | memory    | 64       |
      | sqlite    | 64       |
      | postgres  | 64       |
      | redis     | 64       |
      | sqlserver | 16       |
      | external  | 64       |
    Then every browser counted from 1 to 50 and read back its own marker
    And no answer was a 5xx
