namespace Marketplace.Domain.Common;

/// <summary>
/// An expected failure: a value, not an exception. Mapped to a form error, 404 or 403 in one place. The message is English;
/// pages show it in the person's language by looking up <see cref="Template"/> (the message with {0}… where its values go)
/// and filling in <see cref="Arguments"/>.
/// </summary>
public sealed record DomainError(string Code, string Message, ErrorKind Kind = ErrorKind.Invalid)
{
    public string Template { get; init; } = Message;

    public IReadOnlyList<object> Arguments { get; init; } = [];

    /// <summary>A message with values: <c>Of("cart.full", "A cart holds at most {0} items.", 50)</c>.</summary>
    public static DomainError Of(string code, string template, params object[] arguments) => Of(code, ErrorKind.Invalid, template, arguments);

    public static DomainError Of(string code, ErrorKind kind, string template, params object[] arguments) => From(code, new Text(template, arguments), kind);

    /// <summary>An error whose message is a <see cref="Common.Text"/> (the English in <see cref="Message"/>).</summary>
    public static DomainError From(string code, Text message, ErrorKind kind = ErrorKind.Invalid) =>
        new(code, message.ToString(), kind) { Template = message.Template, Arguments = message.Arguments };

    /// <summary>The message as a text to show in the reader's language.</summary>
    public Text AsText => new(Template, Arguments);
}

public enum ErrorKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>The outcome of an action that can fail in an expected way.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(DomainError error) => new(default, error);

    public static implicit operator Result<T>(DomainError error) => Fail(error);
}

/// <summary>Marks an aggregate whose writes are guarded by an optimistic concurrency version.</summary>
public interface IVersioned
{
    int Version { get; }
}

public static class Ids
{
    /// <summary>Ids are made by the application (time-ordered v7), so an aggregate is whole before it is saved.</summary>
    public static Guid New() => Guid.CreateVersion7();
}
