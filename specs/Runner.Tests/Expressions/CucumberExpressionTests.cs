using FluentAssertions;
using Gherkin.Runner.Expressions;
using Xunit;

namespace Gherkin.Runner.Tests.Expressions;

public sealed class CucumberExpressionTests
{
    static IReadOnlyList<StepArgument>? Match(string expression, string text) => StepExpression.Create(expression).Match(text);

    [Theory]
    [InlineData("{int}", "-42", -42)]
    [InlineData("{long}", "9000000000", 9000000000L)]
    [InlineData("{short}", "12", (short)12)]
    [InlineData("{byte}", "255", (byte)255)]
    [InlineData("{float}", "3.5", 3.5f)]
    [InlineData("{double}", "-.25", -0.25d)]
    [InlineData("{double}", "1e3", 1000d)]
    [InlineData("{word}", "banana", "banana")]
    [InlineData("{string}", "\"two words\"", "two words")]
    [InlineData("{string}", "'single'", "single")]
    [InlineData("{string}", "\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("{string}", "\"\"", "")]
    [InlineData("{}", "anything at all", "anything at all")]
    public void Each_parameter_type_matches_and_converts(string expression, string text, object expected)
    {
        var arguments = Match(expression, text);
        arguments.Should().NotBeNull().And.HaveCount(1);
        arguments![0].Value.Should().Be(expected);
    }

    [Fact]
    public void Big_number_types_convert()
    {
        Match("{biginteger}", "123456789012345678901234567890")![0].Value.Should().Be(System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture));
        Match("{decimal}", "0.1")![0].Value.Should().Be(0.1m);
        Match("{bigdecimal}", "12.50")![0].Value.Should().Be(12.50m);
    }

    [Theory]
    [InlineData("{int}", "1.5")]
    [InlineData("{word}", "two words")]
    [InlineData("{string}", "unquoted")]
    [InlineData("I have {int} cucumbers", "I have 3 cucumbers in my belly")]
    public void Whole_text_must_match(string expression, string text) => Match(expression, text).Should().BeNull();

    [Theory]
    [InlineData("I have {int} cucumber(s)", "I have 1 cucumber", true)]
    [InlineData("I have {int} cucumber(s)", "I have 2 cucumbers", true)]
    [InlineData("I have {int} cucumber(s)", "I have 2 cucumberz", false)]
    [InlineData("I eat/drink a {word}", "I drink a milkshake", true)]
    [InlineData("I eat/drink a {word}", "I eat a pie", true)]
    [InlineData("I eat/drink a {word}", "I sip a pie", false)]
    [InlineData("the {word} is in the belly/stomach", "the apple is in the stomach", true)]
    [InlineData("{int} apple(s)/pear(s)", "2 pears", true)]
    [InlineData("{int} apple(s)/pear(s)", "1 apple", true)]
    [InlineData("a/b c", "b c", true)]
    [InlineData("a/b c", "a/b c", false)]
    public void Optional_text_and_alternation(string expression, string text, bool matches) =>
        (Match(expression, text) is not null).Should().Be(matches);

    [Theory]
    [InlineData(@"I have \(not optional\) text", "I have (not optional) text")]
    [InlineData(@"a literal \{int\}", "a literal {int}")]
    [InlineData(@"either\/or", "either/or")]
    [InlineData(@"back\\slash", @"back\slash")]
    [InlineData(@"escaped\ space/x", "escaped space")]
    public void Escapes_make_syntax_literal(string expression, string text) => Match(expression, text).Should().NotBeNull();

    [Theory]
    [InlineData("empty ()", "An optional must contain some text")]
    [InlineData("a ({int}) b", "An optional may not contain a parameter type")]
    [InlineData("a/ b", "Alternative may not be empty")]
    [InlineData("/a b", "Alternative may not be empty")]
    [InlineData("(a)/b c", "An alternative may not exclusively contain optionals")]
    [InlineData("{color} car", "Undefined parameter type 'color'")]
    [InlineData("open (text", "The '(' does not have a matching ')'")]
    [InlineData("open {int", "The '{' does not have a matching '}'")]
    [InlineData("(a/b)", "An alternation can not be used inside an optional")]
    [InlineData(@"bad \escape", "Only the characters")]
    [InlineData(@"trailing \", "The end of line can not be escaped")]
    [InlineData("{in(t}", "Parameter names may not contain")]
    public void Invalid_expressions_explain_the_problem(string expression, string problem)
    {
        var act = () => StepExpression.Create(expression);
        act.Should().Throw<ExpressionException>().WithMessage($"*{problem}*").Which.Message.Should().Contain(expression);
    }

    [Fact]
    public void Anchored_patterns_are_regular_expressions()
    {
        var expression = StepExpression.Create(@"^I have (\d+) (red|green) items$");
        expression.IsRegularExpression.Should().BeTrue();
        var arguments = expression.Match("I have 12 red items")!;
        arguments.Select(a => a.Text).Should().Equal("12", "red");
        arguments[0].Start.Should().Be(7);
        StepExpression.Create("ends with dollar (.*)$").Match("ends with dollar x")!.Single().Text.Should().Be("x");
    }

    [Fact]
    public void Argument_positions_point_into_the_step_text()
    {
        var arguments = Match("I pay {int} for {string}", "I pay 30 for \"tea\"")!;
        arguments.Select(a => (a.Start, a.RawValue)).Should().Equal((6, "30"), (13, "\"tea\""));
    }

    [Fact]
    public void Snippets_suggest_parameters_for_numbers_and_quoted_text()
    {
        var snippet = SnippetGenerator.Generate("Given", "I have 3 apples and \"pears\" (ripe)", null);
        snippet.Should().Contain("[Given(\"I have {int} apples and {string} \\\\(ripe\\\\)\")]");
        snippet.Should().Contain("public void IHaveApplesAndRipe(int int1, string string1)");
        SnippetGenerator.Generate("Then", "it costs 2.5", "DataTable table").Should().Contain("(double float1, DataTable table)");
    }
}
