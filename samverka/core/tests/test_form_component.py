"""The shared form component names each field the way assistive technology expects."""

from django import forms
from django.template.loader import render_to_string


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name")
    kinds = forms.MultipleChoiceField(
        label="Kinds",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="Agree")


def test_choice_groups_get_a_legend_and_no_empty_label():
    html = render_to_string("components/_form.html", {"form": ExampleForm()})
    assert '<label for="">' not in html
    assert "<legend>Kinds" in html
    assert '<label for="id_name">Name' in html


def test_error_summary_links_to_the_first_choice_of_a_group():
    form = ExampleForm(data={})
    html = render_to_string("components/_form.html", {"form": form})
    assert 'href="#id_kinds_0"' in html
    assert 'href="#id_name"' in html
