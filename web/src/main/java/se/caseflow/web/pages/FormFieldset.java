package se.caseflow.web.pages;

import java.util.List;
import se.caseflow.web.forms.FormField;

/** A group of inputs under one legend, with an optional explanation. */
record FormFieldset(String legend, String hint, List<FormField> fields) {}
