@operations @extension @late-writes
Feature: A write that timed out never lands over a newer one
  The hardened profile answers 503, session unchanged, when the store does not confirm a write within the I/O
  timeout. But a write already handed to the store's client can still reach the store afterwards: StackExchange.Redis
  sends a queued command once its connection is back, whatever the request's cancellation says, and the cancellation
  of Npgsql and SqlClient is best effort. The browser, told its write failed, retries or moves on; the old write
  arriving afterwards must not replace what the browser wrote since.

  A gate inside the instance's store client, beneath the I/O-timeout guard, holds one write and, once let go,
  completes it with no cancellation at all, as such a client does. The scenario waits until the store client has
  finished that write before it reads the session back. How fast the 503 comes is E3.3's concern, not timed here.

  @req-E3.10
  Scenario: A write let go after its I/O timeout leaves the newer write made on the same instance
    Given instance "A" runs on the scenario's own store with:
      | setting                   | value |
      | Sessions:IOTimeoutSeconds | 2     |
    And browser "alice" calls "/session/set?key=color&value=red" on instance "A"
    And instance "A" will hold its next session write inside the store's client
    When browser "alice" calls "/session/set?key=color&value=green" on instance "A"
    Then it answers 503 with an error naming "is unavailable"
    And instance "A" holds that write inside the store's client
    When browser "alice" calls "/session/set?key=color&value=blue" on instance "A"
    Then it answers 200 with value "blue"
    When instance "A" lets the held write finish, ignoring the request's cancellation
    And browser "alice" calls "/session/get?key=color" on instance "A"
    Then it answers 200 with value "blue"

  @req-E3.10 @multi-instance
  Scenario: A write let go after its I/O timeout leaves the newer write made on another instance
    Given instance "A" runs on the scenario's own store with:
      | setting                   | value |
      | Sessions:IOTimeoutSeconds | 2     |
    And instance "B" runs on the scenario's own store with:
      | setting                   | value |
      | Sessions:IOTimeoutSeconds | 2     |
    And browser "alice" calls "/session/set?key=color&value=red" on instance "B"
    And instance "A" will hold its next session write inside the store's client
    When browser "alice" calls "/session/set?key=color&value=green" on instance "A"
    Then it answers 503 with an error naming "is unavailable"
    And instance "A" holds that write inside the store's client
    When browser "alice" calls "/session/set?key=color&value=blue" on instance "B"
    Then it answers 200 with value "blue"
    When instance "A" lets the held write finish, ignoring the request's cancellation
    And browser "alice" calls "/session/get?key=color" on instance "B"
    Then it answers 200 with value "blue"

  @req-E3.10
  Scenario: A logout let go after its I/O timeout does not remove the newer write
    Given instance "A" runs on the scenario's own store with:
      | setting                   | value |
      | Sessions:IOTimeoutSeconds | 2     |
    And browser "alice" calls "/session/login?user=max" on instance "A"
    And instance "A" will hold its next session write inside the store's client
    When browser "alice" calls "/session/logout" on instance "A"
    Then it answers 503 with an error naming "is unavailable"
    And instance "A" holds that write inside the store's client
    When browser "alice" calls "/session/set?key=color&value=blue" on instance "A"
    Then it answers 200 with value "blue"
    When instance "A" lets the held write finish, ignoring the request's cancellation
    And browser "alice" calls "/session/get?key=color" on instance "A"
    Then it answers 200 with value "blue"
    When browser "alice" calls "/session/whoami" on instance "A"
    Then it answers 200 with user "max"

  # The real client: StackExchange.Redis ignores the request's cancellation and delivers a command it has sent once
  # the connection lets it through. The write is held at the instance's gate until the store hangs (so the session
  # was read first), then sent into the hang, where the fault proxy keeps it until the store is back.
  @req-E3.10 @redis-backlog @multi-instance
  Scenario: A write StackExchange.Redis delivers after its request answered 503 does not overwrite the newer write
    Given instance "A" reaches the store through a fault proxy, with an I/O timeout of 5 seconds
    And instance "B" runs on the scenario's own store
    And browser "alice" calls "/session/set?key=color&value=red" on instance "B"
    And instance "A" will hold its next session write
    When browser "alice" starts "/session/set?key=color&value=green" on instance "A"
    And instance "A" holds that request's write
    And the store stops answering but keeps its connections open
    And instance "A" lets the write go
    Then the request started on instance "A" answers 503
    When browser "alice" calls "/session/set?key=color&value=blue" on instance "B"
    Then it answers 200 with value "blue"
    When the store is back and has answered what it was sent meanwhile
    And browser "alice" calls "/session/get?key=color" on instance "B"
    Then it answers 200 with value "blue"
