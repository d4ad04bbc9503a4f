@parallel
Feature: Parallel
  Six scenarios that each wait two seconds of real time; run one after the other they would take twelve.

  @parallel-proof
  Scenario: Waiting 1
    When I wait 2 seconds

  @parallel-proof
  Scenario: Waiting 2
    When I wait 2 seconds

  @parallel-proof
  Scenario: Waiting 3
    When I wait 2 seconds

  @parallel-proof
  Scenario: Waiting 4
    When I wait 2 seconds

  @parallel-proof
  Scenario: Waiting 5
    When I wait 2 seconds

  @parallel-proof
  Scenario: Waiting 6
    When I wait 2 seconds

  @serial
  Scenario: Running alone
    When I wait 1 seconds
    Then no other scenario of this suite is running
