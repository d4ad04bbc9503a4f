@operations @extension @overlapping-requests
Feature: Requests on one session that overlap
  ASP.NET Core's session reads the whole session once per request and writes it whole at the end, so of two
  requests in flight on one cookie the one that finishes last overwrites the other, even when they changed
  different keys; that is the tutorial profile. The hardened profile writes only over what the request read, so
  there the request that writes second is refused (409) instead of overwriting the first. With
  Sessions:SerializeRequests (hardened profile) requests carrying the same session run one after another, across
  every instance on the store, under the store's own lock; a lock is held for half the I/O timeout at most, so a
  request that never finishes cannot shut the session for longer.

  A gate around an instance's session store holds that instance's next write until the scenario lets it go, so the
  overlap happens in the order the scenario says, not by luck.

  @req-E8.5 @multi-instance
  Scenario: Without serialization the request that finishes last overwrites the other's key
    Given instance "A" runs on the scenario's own store
    And instance "B" runs on the scenario's own store
    And browser "alice" calls "/session/counter" on instance "B"
    And instance "A" will hold its next session write
    When browser "alice" starts "/session/set?key=first&value=1" on instance "A"
    And instance "A" holds that request's write
    And browser "alice" calls "/session/set?key=second&value=2" on instance "B"
    Then it answers 200
    When instance "A" lets the write go
    Then the request started on instance "A" answers 200
    When browser "alice" calls "/session/get?key=first" on instance "B"
    Then it answers 200 with value "1"
    When browser "alice" calls "/session/get?key=second" on instance "B"
    Then it answers 404

  @req-E8.7 @multi-instance
  Scenario: Without serialization the request that writes second is refused, and the first one's key is kept
    Given instance "A" runs on the scenario's own store
    And instance "B" runs on the scenario's own store
    And browser "alice" calls "/session/counter" on instance "B"
    And instance "A" will hold its next session write
    When browser "alice" starts "/session/set?key=first&value=1" on instance "A"
    And instance "A" holds that request's write
    And browser "alice" calls "/session/set?key=second&value=2" on instance "B"
    Then it answers 200
    When instance "A" lets the write go
    Then the request started on instance "A" answers 409
    And it answers 409 with an error naming "The session changed while this request ran"
    When browser "alice" calls "/session/get?key=first" on instance "B"
    Then it answers 404
    When browser "alice" calls "/session/get?key=second" on instance "A"
    Then it answers 200 with value "2"
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2

  @req-E8.4 @multi-instance
  Scenario: With serialization the overlapping request waits, and both keys are kept
    Given instance "A" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
    And instance "B" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
    And browser "alice" calls "/session/counter" on instance "B"
    And instance "A" will hold its next session write
    When browser "alice" starts "/session/set?key=first&value=1" on instance "A"
    And instance "A" holds that request's write
    And browser "alice" starts "/session/set?key=second&value=2" on instance "B"
    Then the request started on instance "B" has not answered after 1 second
    When instance "A" lets the write go
    Then the request started on instance "A" answers 200
    And the request started on instance "B" answers 200
    When browser "alice" calls "/session/get?key=first" on instance "B"
    Then it answers 200 with value "1"
    When browser "alice" calls "/session/get?key=second" on instance "A"
    Then it answers 200 with value "2"

  @req-E8.4 @multi-instance
  Scenario: With serialization 20 requests at once over two instances count exactly
    Given instance "A" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
    And instance "B" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
    And browser "alice" calls "/session/counter" on instance "A"
    When browser "alice" sends 20 requests to "/session/counter" at once, spread over instances "A" and "B"
    Then every answer is 200 and the counters are exactly 2 to 21
    When browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 22

  @req-E8.4
  Scenario: With serialization 20 requests at once on one instance count exactly
    Given instance "A" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
    And browser "alice" calls "/session/counter" on instance "A"
    When browser "alice" sends 20 requests to "/session/counter" at once, spread over instances "A" and "A"
    Then every answer is 200 and the counters are exactly 2 to 21
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 22

  @req-E8.6 @multi-instance
  Scenario: A request stuck holding the session's lock blocks it for half the I/O timeout at most, and its write never lands
    Given instance "A" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
      | Sessions:IOTimeoutSeconds  | 2     |
    And instance "B" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
      | Sessions:IOTimeoutSeconds  | 2     |
    And browser "alice" calls "/session/counter" on instance "B"
    And instance "A" will hold its next session write
    When browser "alice" starts "/session/counter" on instance "A"
    And instance "A" holds that request's write
    And browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 2
    And it answered within 3 seconds
    When instance "A" lets the write go
    Then the request started on instance "A" answers 503
    When browser "alice" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 3

  @req-E8.6
  Scenario: On one instance, a request stuck holding the session blocks it for half the I/O timeout at most
    Given instance "A" runs on the scenario's own store with:
      | setting                    | value |
      | Sessions:SerializeRequests | true  |
      | Sessions:IOTimeoutSeconds  | 2     |
    And browser "alice" calls "/session/counter" on instance "A"
    And instance "A" will hold its next session write
    When browser "alice" starts "/session/counter" on instance "A"
    And instance "A" holds that request's write
    And browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
    And it answered within 3 seconds
    When instance "A" lets the write go
    Then the request started on instance "A" answers 503
    When browser "alice" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 3
