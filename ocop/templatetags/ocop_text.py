from django import template

from ocop.text import in_sentence

register = template.Library()
register.filter("in_sentence", in_sentence)
