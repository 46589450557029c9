using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace HookahLounge.Admin.Validation;

/// <summary>
/// Validation messages people read: Russian (the lounge's language), English for an English UI culture. DataAnnotations
/// look these up by name when <see cref="ValidationTexts"/> is an attribute's <c>ErrorMessageResourceType</c>.
/// </summary>
public static class ValidationTexts
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static string Pick(string russian, string english) => English ? english : russian;

    public static string Required => Pick("Заполните поле «{0}».", "Please fill in “{0}”.");

    public static string Range => Pick("«{0}»: число от {1} до {2}.", "“{0}” must be a number from {1} to {2}.");

    public static string StringLength => Pick("«{0}»: не длиннее {1} символов.", "“{0}” can be at most {1} characters long.");

    public static string StringLengthBetween => Pick("«{0}»: от {2} до {1} символов.", "“{0}” must be {2} to {1} characters long.");

    public static string MaxLength => Pick("«{0}»: не длиннее {1} символов.", "“{0}” can be at most {1} characters long.");

    public static string MinLength => Pick("«{0}»: не короче {1} символов.", "“{0}” must be at least {1} characters long.");

    public static string Invalid => Pick("«{0}» заполнено неверно.", "“{0}” is not valid.");

    public static string Compare => Pick("«{0}» и «{1}» не совпадают.", "“{0}” and “{1}” do not match.");

    public static string ValueInvalid => Pick("«{0}» не подходит для поля «{1}».", "“{0}” is not valid for “{1}”.");

    public static string NumberExpected => Pick("В поле «{0}» нужно число.", "“{0}” must be a number.");

    public static string ValueNotAccepted => Pick("Значение «{0}» не подходит.", "The value “{0}” is not valid.");

    public static string FieldNotAccepted => Pick("Значение поля «{0}» не подходит.", "The value of “{0}” is not valid.");

    public static string ValueMissing => Pick("Заполните поле.", "Please fill in this field.");

    public static string NumberMissing => Pick("Нужно число.", "A number is needed.");

    /// <summary>The resource name for an attribute that has no message of its own, or null to leave it alone.</summary>
    internal static string? NameFor(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => nameof(Required),
        RangeAttribute => nameof(Range),
        StringLengthAttribute { MinimumLength: > 0 } => nameof(StringLengthBetween),
        StringLengthAttribute => nameof(StringLength),
        MaxLengthAttribute => nameof(MaxLength),
        MinLengthAttribute => nameof(MinLength),
        CompareAttribute => nameof(Compare),
        RegularExpressionAttribute or EmailAddressAttribute or PhoneAttribute or UrlAttribute => nameof(Invalid),
        _ => null,
    };

    internal static DefaultModelBindingMessageProvider BindingMessages()
    {
        var messages = new DefaultModelBindingMessageProvider();
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => string.Format(CultureInfo.CurrentCulture, ValueInvalid, value, field));
        messages.SetMissingBindRequiredValueAccessor(field => string.Format(CultureInfo.CurrentCulture, Required, field));
        messages.SetMissingKeyOrValueAccessor(() => ValueMissing);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => ValueMissing);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => string.Format(CultureInfo.CurrentCulture, ValueNotAccepted, value));
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => ValueMissing);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => NumberMissing);
        messages.SetUnknownValueIsInvalidAccessor(field => string.Format(CultureInfo.CurrentCulture, FieldNotAccepted, field));
        messages.SetValueIsInvalidAccessor(value => string.Format(CultureInfo.CurrentCulture, ValueNotAccepted, value));
        messages.SetValueMustBeANumberAccessor(field => string.Format(CultureInfo.CurrentCulture, NumberExpected, field));
        messages.SetValueMustNotBeNullAccessor(_ => ValueMissing);
        return messages;
    }
}

/// <summary>
/// Configured once (in <see cref="AdminRegistration"/>): every model the back office binds — its page models and the
/// Core types they edit — gets <see cref="ValidationTexts"/> for binding errors and for validation attributes
/// without a message of their own, instead of ASP.NET Core's English developer text.
/// </summary>
internal sealed class ValidationTextsProvider : IBindingMetadataProvider, IValidationMetadataProvider
{
    private static readonly DefaultModelBindingMessageProvider Messages = ValidationTexts.BindingMessages();

    private static bool InScope(ModelMetadataIdentity key)
    {
        var owner = key.ContainerType ?? key.ParameterInfo?.Member.DeclaringType ?? key.ModelType;
        return owner.Assembly == typeof(ValidationTexts).Assembly || owner.Assembly == typeof(HookahLounge.Core.Localized).Assembly;
    }

    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        if (InScope(context.Key))
        {
            context.BindingMetadata.ModelBindingMessageProvider = Messages;
        }
    }

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (!InScope(context.Key))
        {
            return;
        }

        // The attributes themselves, not ValidatorMetadata: that list may be filled by a provider that runs after this one.
        foreach (var attribute in context.Attributes.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessage is null && attribute.ErrorMessageResourceType is null && ValidationTexts.NameFor(attribute) is { } name)
            {
                attribute.ErrorMessageResourceType = typeof(ValidationTexts);
                attribute.ErrorMessageResourceName = name;
            }
        }
    }
}
