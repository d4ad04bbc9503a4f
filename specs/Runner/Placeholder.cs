namespace Gherkin.Runner;
