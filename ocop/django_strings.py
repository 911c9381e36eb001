"""Django's own strings that our users meet but Django's Vietnamese catalogue (Django 6.1) lacks or gets wrong.

`makemessages` extracts only our source, never Django's, so the msgids are written out here: the extraction
copies them into locale/vi/LC_MESSAGES/django.po, where they are translated like ours, and our catalogue
(LOCALE_PATHS) takes precedence over Django's. Nothing imports this module; `sh scripts/messages.sh` keeps its
entries. tests/ocop/test_django_strings.py checks that every msgid here is still one of Django's (an upgrade
that rewords one shows up there) and renders those users meet. Strings users never see (admindocs field types,
DEBUG pages, exception texts of 404s, language names) are left out.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

# Missing from Django's catalogue: forms, validators, models, pagination and the tasks' states.
CORE = [
    gettext_noop("- Select an option -"),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("Enter a complete value."),
    gettext_noop("%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it "
                 "may not exist."),
    gettext_noop("ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You "
                 "may need to file a bug report if the issue persists."),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]

# Translated by Django, but wrongly or awkwardly ("Nhập một số tổng thể.", a space before the full stop).
CORE_RETRANSLATED = [
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    ngettext_lazy("Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
                  "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
                  "limit_value"),
    ngettext_lazy("Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                  "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                  "limit_value"),
    ngettext_lazy("Ensure that there are no more than %(max)s digit in total.",
                  "Ensure that there are no more than %(max)s digits in total.", "max"),
    ngettext_lazy("Ensure that there are no more than %(max)s decimal place.",
                  "Ensure that there are no more than %(max)s decimal places.", "max"),
    ngettext_lazy("Ensure that there are no more than %(max)s digit before the decimal point.",
                  "Ensure that there are no more than %(max)s digits before the decimal point.", "max"),
    gettext_noop("This field cannot be blank."),
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
]

# Missing from the catalogues of django.contrib.auth: password validators and the password forms.
AUTH = [
    ngettext_lazy("This password is too short. It must contain at least %d character.",
                  "This password is too short. It must contain at least %d characters.", 8),
    gettext_noop("Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z "
                 "letters, numbers, and @/./+/-/_ characters."),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Whether the user will be able to authenticate using a password or not. If disabled, they may "
                 "still be able to authenticate using other backends, such as Single Sign-On or LDAP."),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    # translated by Django with a capital, which shows mid-sentence: "Mật khẩu quá giống với Tên đăng nhập."
    gettext_noop("username"),
    gettext_noop("first name"),
    gettext_noop("last name"),
]

# Missing from the catalogue of django.contrib.admin (the back office of staff and administrators).
ADMIN = [
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "counter"),
    gettext_noop("Error:"),
    gettext_noop("This action will <strong>enable</strong> password-based authentication for this user."),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but "
                 "your account doesn't have permission to delete the following types of objects:"),
    gettext_noop("Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected "
                 "related objects:"),
    gettext_noop("Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following "
                 "related items will be deleted:"),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
    gettext_noop(", "),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Run"),
    gettext_noop("Skip to main content"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Hide counts"),
    gettext_noop("Show counts"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Sidebar"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Pagination %(name)s entries"),
    ngettext_lazy("entry", "entries", 1),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Logout"),
    gettext_noop("In case you’ve forgotten, you are:"),
]
