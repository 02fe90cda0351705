namespace Marketplace.Web;

/// <summary>
/// The UI's strings: the English text is the key (and what English readers see); translations live in
/// Resources/SharedResource.{culture}.resx. A test fails when a key used in a page is missing in any language.
/// </summary>
public sealed class SharedResource;
