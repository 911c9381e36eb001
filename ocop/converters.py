"""Path converters: an object id in a URL is 1 to 18 ASCII digits. Twenty digits would overflow a database
integer (a crash on SQLite), so such an address is simply not found."""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
