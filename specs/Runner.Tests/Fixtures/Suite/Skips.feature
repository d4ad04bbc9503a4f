Feature: Skips

  Scenario: Skipping from a step
    Given the scenario skips because "not relevant here"

  @store-internals
  Scenario: Looking inside the store
    Then the target value is known
