@broken
Feature: Broken
  Scenario: Not Gherkin
    Given a step
  This line is not Gherkin at all
    Examples without an outline
