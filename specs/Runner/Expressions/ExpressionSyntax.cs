namespace Gherkin.Runner.Expressions;

enum TokenKind { WhiteSpace, Text, BeginOptional, EndOptional, BeginParameter, EndParameter, Alternation }

readonly record struct Token(TokenKind Kind, string Text, int Start);

abstract record SyntaxNode(int Start);
sealed record TextNode(string Text, int Start) : SyntaxNode(Start);
sealed record WhiteSpaceNode(string Text, int Start) : SyntaxNode(Start);
sealed record SeparatorNode(int Start) : SyntaxNode(Start);
sealed record ParameterNode(string Name, int Start) : SyntaxNode(Start);
sealed record OptionalNode(IReadOnlyList<SyntaxNode> Children, int Start) : SyntaxNode(Start);

/// <summary>
/// Tokenizer and parser for the Cucumber Expressions grammar. Alternations are not built here: they need the
/// word boundaries around them, which <see cref="CucumberExpression"/> works out from the flat node list.
/// </summary>
static class ExpressionSyntax
{
    const string Escapable = "{}()\\/";

    public static IReadOnlyList<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        var text = new System.Text.StringBuilder();
        var textStart = 0;
        TokenKind? textKind = null;

        void Flush()
        {
            if (textKind is { } kind && text.Length > 0) tokens.Add(new Token(kind, text.ToString(), textStart));
            text.Clear();
            textKind = null;
        }

        void Append(TokenKind kind, char c, int at)
        {
            if (textKind != kind) { Flush(); textKind = kind; textStart = at; }
            text.Append(c);
        }

        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\\')
            {
                if (i + 1 >= expression.Length)
                    throw ExpressionException.At(expression, i, "The end of line can not be escaped.", "You can use '\\\\' to escape the '\\'");
                var next = expression[i + 1];
                if (!Escapable.Contains(next) && !char.IsWhiteSpace(next))
                    throw ExpressionException.At(expression, i, "Only the characters '{', '}', '(', ')', '\\', '/' and whitespace can be escaped.", "If you did mean to use an '\\' you can use '\\\\' to escape it");
                // An escaped character is plain text, even whitespace: it then does not end an alternative.
                Append(TokenKind.Text, next, i);
                i++;
                continue;
            }

            TokenKind? single = c switch
            {
                '(' => TokenKind.BeginOptional,
                ')' => TokenKind.EndOptional,
                '{' => TokenKind.BeginParameter,
                '}' => TokenKind.EndParameter,
                '/' => TokenKind.Alternation,
                _ => null,
            };
            if (single is { } kind)
            {
                Flush();
                tokens.Add(new Token(kind, c.ToString(), i));
            }
            else Append(char.IsWhiteSpace(c) ? TokenKind.WhiteSpace : TokenKind.Text, c, i);
        }
        Flush();
        return tokens;
    }

    public static IReadOnlyList<SyntaxNode> Parse(string expression)
    {
        var tokens = Tokenize(expression);
        var nodes = new List<SyntaxNode>();
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.BeginOptional: nodes.Add(ParseOptional(expression, tokens, ref i)); break;
                case TokenKind.BeginParameter: nodes.Add(ParseParameter(expression, tokens, ref i)); break;
                case TokenKind.Alternation: nodes.Add(new SeparatorNode(token.Start)); i++; break;
                case TokenKind.WhiteSpace: nodes.Add(new WhiteSpaceNode(token.Text, token.Start)); i++; break;
                // A lone ')' or '}' is ordinary text in the grammar.
                default: nodes.Add(new TextNode(token.Text, token.Start)); i++; break;
            }
        }
        return nodes;
    }

    static OptionalNode ParseOptional(string expression, IReadOnlyList<Token> tokens, ref int i)
    {
        var open = tokens[i++];
        var children = new List<SyntaxNode>();
        while (i < tokens.Count)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.EndOptional: i++; return new OptionalNode(children, open.Start);
                case TokenKind.BeginOptional: children.Add(ParseOptional(expression, tokens, ref i)); break;
                case TokenKind.BeginParameter: children.Add(ParseParameter(expression, tokens, ref i)); break;
                case TokenKind.Alternation:
                    throw ExpressionException.At(expression, token.Start, "An alternation can not be used inside an optional.", "If you did not mean to use an alternation you can use '\\/' to escape the '/'. Otherwise rephrase your expression or consider using a regular expression instead.");
                default: children.Add(new TextNode(token.Text, token.Start)); i++; break;
            }
        }
        throw ExpressionException.At(expression, open.Start, "The '(' does not have a matching ')'.", "If you did not intend to use optional text you can use '\\(' to escape the optional text");
    }

    static ParameterNode ParseParameter(string expression, IReadOnlyList<Token> tokens, ref int i)
    {
        var open = tokens[i++];
        var name = new System.Text.StringBuilder();
        while (i < tokens.Count)
        {
            var token = tokens[i++];
            switch (token.Kind)
            {
                case TokenKind.EndParameter: return new ParameterNode(name.ToString(), open.Start);
                case TokenKind.Text or TokenKind.WhiteSpace: name.Append(token.Text); break;
                default:
                    throw ExpressionException.At(expression, token.Start, "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'.", "Did you mean to use a regular expression?");
            }
        }
        throw ExpressionException.At(expression, open.Start, "The '{' does not have a matching '}'.", "If you did not intend to use a parameter you can use '\\{' to escape the a parameter");
    }
}
