using ConformanceMatrix.Requirements;
using FluentAssertions;
using Xunit;

namespace ConformanceMatrix.Tests;

public sealed class ContractTests
{
    [Fact]
    public void The_repository_contract_numbers_both_tiers_with_known_profiles()
    {
        var catalog = RequirementCatalog.Load(RepositoryFiles.Contract);

        catalog.Requirements.Should().Contain(r => r.Id == "T4.1" && r.Tier == Tier.Contract && r.Group.StartsWith("T4 "));
        catalog.Requirements.Where(r => r.Tier == Tier.Contract).Should().HaveCountGreaterThan(25);
        catalog.Requirements.Where(r => r.Tier == Tier.Extension).Should().NotBeEmpty()
            .And.OnlyContain(r => r.Profiles.Count > 0 && r.Profiles.All(p => p == "tutorial" || p == "hardened"));
        catalog.Requirements.Should().OnlyContain(r => r.Text.Length > 10 && r.Source.Length > 3, "every requirement says what and where it comes from");
    }

    [Fact]
    public void Every_requirement_has_a_scenario_and_every_scenario_a_requirement_and_a_tier()
    {
        var problems = RequirementCoverage.Check(RequirementCatalog.Load(RepositoryFiles.Contract), RepositoryFiles.Features);

        problems.Should().BeEmpty();
    }

    [Fact]
    public void A_requirement_numbered_twice_is_refused()
    {
        var twice = "| id | r | s |\n| --- | --- | --- |\n| T1 | one thing | step 1 |\n| T1 | another | step 2 |\n";

        var parse = () => RequirementCatalog.Parse(twice);

        parse.Should().Throw<FormatException>().WithMessage("*T1*twice*");
    }

    [Fact]
    public void Coverage_names_each_kind_of_gap()
    {
        var catalog = RequirementCatalog.Parse("""
            ## T1 Group
            | id | requirement | source |
            | T1.1 | covered | step 1 |
            | T1.2 | never covered | step 2 |
            ## E
            | id | requirement | profiles | source |
            | E1 | an extension | hardened | project |
            """);
        var feature = Path.Combine(Path.GetTempPath(), $"coverage-{Guid.NewGuid():N}.feature");
        File.WriteAllText(feature, """
            @contract
            Feature: F
              @req-T1.1
              Scenario: good
                Given x
              Scenario: no requirement
                Given x
              @req-T9.9
              Scenario: unknown id
                Given x
              @req-E1
              Scenario: wrong tier
                Given x
            """);
        try
        {
            var problems = RequirementCoverage.Check(catalog, [feature]);

            problems.Should().HaveCount(4);
            problems.Should().ContainSingle(p => p.Contains("'no requirement' names no requirement"));
            problems.Should().ContainSingle(p => p.Contains("@req-T9.9, which the contract does not number"));
            problems.Should().ContainSingle(p => p.Contains("'wrong tier' is @contract but E1 is an extension requirement"));
            problems.Should().ContainSingle(p => p.StartsWith("T1.2 has no scenario"));
        }
        finally
        {
            File.Delete(feature);
        }
    }
}
