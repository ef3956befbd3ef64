"""The employer file: search, identity, contacts, offers and the timeline of activity (contacts
with the employer, company visits, stages, maintien en emploi follow-ups and their meetings).

Counsellors and managers read it (it names participants); only counsellors change it: every
route that changes something is in the nested blueprint `employers.write` (counsellors only),
so the role walk of the tests checks that rule like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Email, InputRequired, Length, Optional

from ..extensions import db
from ..labels import (
    FOLLOW_UP_MODE_LABELS,
    INTERACTION_KIND_LABELS,
    MEETING_PLACE_LABELS,
    OUTCOME_LABELS,
    PLACEMENT_KIND_LABELS,
    PLACEMENT_STATUS_LABELS,
    PROGRAM_LABELS,
    SIZE_LABELS,
    VISIT_PURPOSE_LABELS,
)
from ..models import (
    CompanyVisit,
    Contact,
    Employer,
    EmployerInteraction,
    Placement,
    PlacementStatus,
    RetentionFollowUp,
    Role,
)
from ..services import activity
from ..services import employers as employer_service
from ..services import referrals as referral_service
from ..services.activity import RuleError
from ..services.clock import local_today
from ..services.reference import mrc_choices, municipality_choices
from .access import CASE_READERS, can_write, staff_blueprint
from .forms import (
    EMAIL,
    REQUIRED,
    URL_MSG,
    ActionForm,
    MunicipalityField,
    NumberField,
    none_if_blank,
    options,
    strip,
    validate_http_url,
    validate_neq,
    validate_phone,
)

bp = staff_blueprint("employers", __name__, "/conseil/employeurs", CASE_READERS)
# Managers read the file; only counsellors change it (registered inside `bp` at the bottom).
writers = staff_blueprint("write", __name__, "", (Role.COUNSELLOR,))

FORM_ERRORS = _l("Le formulaire contient des erreurs; elles sont indiquées sous chaque champ.")
CHOOSE = _l("— Choisir —")

TIMELINE_KIND_LABELS = {
    "interaction": _l("Contacts avec l'entreprise"),
    "visit": _l("Visites d'entreprise"),
    "placement": _l("Stages"),
    "follow_up": _l("Maintien en emploi"),
}
YES_NO_LABELS = {True: _l("Oui"), False: _l("Non")}
LABELS = {
    "interaction_kinds": INTERACTION_KIND_LABELS,
    "visit_purposes": VISIT_PURPOSE_LABELS,
    "placement_kinds": PLACEMENT_KIND_LABELS,
    "placement_statuses": PLACEMENT_STATUS_LABELS,
    "programs": PROGRAM_LABELS,
    "follow_up_modes": FOLLOW_UP_MODE_LABELS,
    "outcomes": OUTCOME_LABELS,
    "meeting_places": MEETING_PLACE_LABELS,
    "sizes": SIZE_LABELS,
    "timeline_kinds": TIMELINE_KIND_LABELS,
    "yes_no": YES_NO_LABELS,
}


@bp.context_processor
def _template_globals() -> dict:
    return {"can_write": can_write(), "file_labels": LABELS}


@writers.before_request
def _writers_only():
    # The blueprint admits counsellors only; `can_write` is the app-wide rule, checked as well.
    if not can_write():
        abort(403)


# --- form fields -------------------------------------------------------------------------------


def optional_int(value: object) -> int | None:
    """Coerce a select's value: '' is no choice; anything else must be a whole number."""
    if value is None or value == "":
        return None
    return int(value)


YES_NO = {"": None, None: None, "yes": True, "no": False, True: True, False: False}


def yes_no(value: object) -> bool | None:
    """Coerce a yes / no / not known select."""
    if value not in YES_NO:
        raise ValueError(value)
    return YES_NO[value]


def optional_str(value: object) -> str | None:
    """Coerce a select's value: '' is no choice."""
    return None if value is None or value == "" else str(value)


def enum_choices(labels: dict, blank: object = None) -> list:
    pairs = [(member.value, label) for member, label in labels.items()]
    return options(([("", blank)] if blank is not None else []) + pairs)


def yes_no_choices(blank: object) -> list:
    return options([("", blank), ("yes", _l("Oui")), ("no", _l("Non"))])


LONG_TEXT_MESSAGES = {
    2_000: _l("2 000 caractères au maximum."),
    5_000: _l("5 000 caractères au maximum."),
    10_000: _l("10 000 caractères au maximum."),
}


def length(maximum: int) -> Length:
    message = LONG_TEXT_MESSAGES.get(maximum, _l("%(max)d caractères au maximum."))
    return Length(max=maximum, message=message)


def IdSelect(label, message, **kwargs) -> SelectField:  # noqa: N802 (a field factory)
    """A select of database ids; a value not in the list gets `message`."""
    return SelectField(
        label,
        coerce=optional_int,
        choices=[],
        invalid_value_message=message,
        invalid_choice_message=message,
        **kwargs,
    )


def IdMultiSelect(label, message, **kwargs) -> SelectMultipleField:  # noqa: N802
    return SelectMultipleField(
        label,
        coerce=int,
        choices=[],
        render_kw={"size": 8},
        invalid_value_message=message,
        invalid_choice_message=message,
        **kwargs,
    )


def EnumSelect(label, labels: dict, blank=CHOOSE, **kwargs) -> SelectField:  # noqa: N802
    return SelectField(
        label,
        coerce=optional_str,
        choices=enum_choices(labels, blank),
        invalid_choice_message=activity.INVALID_CHOICE,
        **kwargs,
    )


def TriState(label, blank, **kwargs) -> SelectField:  # noqa: N802
    """Yes, no or not known."""
    return SelectField(
        label,
        coerce=yes_no,
        choices=yes_no_choices(blank),
        invalid_value_message=activity.INVALID_CHOICE,
        invalid_choice_message=activity.INVALID_CHOICE,
        **kwargs,
    )


def Day(label, required: bool = True, **kwargs) -> DateField:  # noqa: N802
    validators = [InputRequired(REQUIRED)] if required else [Optional()]
    return DateField(label, validators=validators, **kwargs)


def Notes(label, maximum: int = 10_000, **kwargs) -> TextAreaField:  # noqa: N802
    return TextAreaField(
        label, filters=[none_if_blank], validators=[Optional(), length(maximum)], **kwargs
    )


def Minutes(label) -> IntegerField:  # noqa: N802
    return IntegerField(label, default=0, validators=[Optional()])


def SectorField(label, **kwargs) -> StringField:  # noqa: N802
    """A free text with suggestions: the <datalist id="sectors"> of the sectors already used."""
    return StringField(label, render_kw={"list": "sectors"}, **kwargs)


# --- forms -------------------------------------------------------------------------------------


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Nom, NEQ ou mot-clé"), filters=[strip], validators=[length(200)])
    mrc = SelectField(
        _l("MRC"),
        coerce=optional_str,
        choices=[],
        invalid_choice_message=_l("Choisissez une MRC de la liste."),
    )
    sector = SectorField(_l("Secteur d'activité"), filters=[strip], validators=[length(120)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mrc.choices = options([("", _l("Toutes"))] + list(mrc_choices()))


class EmployerForm(FlaskForm):
    name = StringField(
        _l("Nom de l'entreprise"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), length(200)],
    )
    neq = StringField(
        _l("NEQ"),
        filters=[none_if_blank],
        validators=[Optional(), validate_neq],
        description=_l("Numéro d'entreprise du Québec, 10 chiffres (facultatif)."),
    )
    municipality_code = MunicipalityField(_l("Municipalité"))
    website = URLField(
        _l("Site web"),
        filters=[none_if_blank],
        validators=[Optional(), URL(message=URL_MSG), validate_http_url, length(255)],
    )
    sector = SectorField(
        _l("Secteur d'activité"), filters=[none_if_blank], validators=[Optional(), length(120)]
    )
    size = EnumSelect(_l("Taille"), SIZE_LABELS, blank=_l("Non précisée"))
    has_hr_department = TriState(_l("Service des ressources humaines"), _l("Ne sait pas"))
    submit = SubmitField(_l("Enregistrer"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_code.choices = options(municipality_choices())

    def data_for_service(self) -> dict:
        return {
            "name": self.name.data,
            "neq": self.neq.data,
            "municipality_code": self.municipality_code.data or None,
            "website": self.website.data,
            "sector": self.sector.data,
            "size": self.size.data or None,
            "has_hr_department": self.has_hr_department.data,
        }


class ContactForm(FlaskForm):
    name = StringField(_l("Nom"), filters=[strip], validators=[DataRequired(REQUIRED), length(120)])
    email = EmailField(
        _l("Courriel"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Email(EMAIL), length(254)],
    )
    phone = StringField(
        _l("Téléphone"), filters=[none_if_blank], validators=[Optional(), validate_phone]
    )
    submit = SubmitField(_l("Enregistrer"))


class InteractionForm(FlaskForm):
    kind = EnumSelect(
        _l("Type de contact"), INTERACTION_KIND_LABELS, validators=[DataRequired(REQUIRED)]
    )
    occurred_on = Day(_l("Date"), default=local_today)
    counsellor_id = IdSelect(_l("Conseillère ou conseiller"), activity.UNKNOWN_COUNSELLOR)
    contact_id = IdSelect(
        _l("Personne-ressource"), _l("Choisissez une personne-ressource de cet employeur.")
    )
    notes = Notes(_l("Notes"))
    next_action = StringField(
        _l("Suite à donner"), filters=[none_if_blank], validators=[Optional(), length(255)]
    )
    next_action_due = Day(_l("Échéance de la suite à donner"), required=False)
    submit = SubmitField(_l("Enregistrer"))


class VisitForm(FlaskForm):
    visited_on = Day(_l("Date de la visite"), default=local_today)
    purpose = EnumSelect(_l("But"), VISIT_PURPOSE_LABELS, validators=[DataRequired(REQUIRED)])
    counsellor_ids = IdMultiSelect(
        _l("Conseillères et conseillers"),
        _l("Choisissez des conseillères ou des conseillers de la liste."),
        description=_l("Ctrl (ou Cmd) + clic pour en choisir plusieurs."),
    )
    participant_ids = IdMultiSelect(
        _l("Participants présents"),
        _l("Choisissez des participants de la liste."),
        description=_l(
            "Pour une visite de groupe; Ctrl (ou Cmd) + clic pour en choisir plusieurs."
        ),
    )
    notes = Notes(_l("Notes"))
    follow_up = Notes(_l("Suites"), maximum=5_000)
    submit = SubmitField(_l("Enregistrer"))


class PlacementForm(FlaskForm):
    participant_id = IdSelect(
        _l("Participant"), activity.UNKNOWN_PARTICIPANT, validators=[DataRequired(REQUIRED)]
    )
    program = EnumSelect(_l("Programme"), PROGRAM_LABELS, validators=[DataRequired(REQUIRED)])
    kind = EnumSelect(
        _l("Type de stage"), PLACEMENT_KIND_LABELS, validators=[DataRequired(REQUIRED)]
    )
    counsellor_id = IdSelect(_l("Conseillère ou conseiller"), activity.UNKNOWN_COUNSELLOR)
    supervisor_name = StringField(
        _l("Superviseur·e en entreprise"),
        filters=[none_if_blank],
        validators=[Optional(), length(120)],
    )
    starts_on = Day(_l("Début"))
    ends_on = Day(_l("Fin"))
    hours = NumberField(_l("Nombre d'heures"), places=1, validators=[Optional()])
    status = EnumSelect(
        _l("État"), PLACEMENT_STATUS_LABELS, blank=None, default=PlacementStatus.PLANNED.value
    )
    interruption_reason = Notes(_l("Motif de l'interruption"), maximum=2_000)
    evaluation = Notes(_l("Évaluation du stage"))
    job_offered = TriState(_l("Un emploi a-t-il été offert?"), _l("Pas encore connu"))
    submit = SubmitField(_l("Enregistrer"))


class FollowUpForm(FlaskForm):
    participant_id = IdSelect(
        _l("Participant"), activity.UNKNOWN_PARTICIPANT, validators=[DataRequired(REQUIRED)]
    )
    mode = EnumSelect(_l("Mode"), FOLLOW_UP_MODE_LABELS, validators=[DataRequired(REQUIRED)])
    employer_id = IdSelect(_l("Employeur"), _l("Choisissez un employeur de la liste."))
    counsellor_id = IdSelect(_l("Conseillère ou conseiller"), activity.UNKNOWN_COUNSELLOR)
    job_title = StringField(
        _l("Poste occupé"), filters=[strip], validators=[DataRequired(REQUIRED), length(150)]
    )
    hired_on = Day(_l("Date d'embauche"))
    opened_on = Day(_l("Ouverture du suivi"), default=local_today)
    probation_ends_on = Day(_l("Fin de la probation"), required=False)
    worker_needs = Notes(_l("Besoins de la personne"), maximum=5_000)
    employer_needs = Notes(_l("Besoins de l'employeur"), maximum=5_000)
    goals = Notes(_l("Objectifs du plan d'accompagnement"), maximum=5_000)
    subsidised = BooleanField(_l("Emploi subventionné (subvention salariale)"))
    subsidy_measure = StringField(
        _l("Mesure"), filters=[none_if_blank], validators=[Optional(), length(120)]
    )
    subsidy_weeks = IntegerField(_l("Nombre de semaines"), validators=[Optional()])
    subsidy_percentage = IntegerField(_l("Pourcentage du salaire"), validators=[Optional()])
    subsidy_starts_on = Day(_l("Début de la subvention"), required=False)
    subsidy_ends_on = Day(_l("Fin de la subvention"), required=False)
    submit = SubmitField(_l("Enregistrer"))


class MeetingForm(FlaskForm):
    met_on = Day(_l("Date"), default=local_today)
    met_time = TimeField(_l("Heure"), validators=[InputRequired(REQUIRED)])
    place = EnumSelect(_l("Lieu"), MEETING_PLACE_LABELS, validators=[DataRequired(REQUIRED)])
    direct_minutes = Minutes(_l("Intervention directe (minutes)"))
    indirect_minutes = Minutes(_l("Intervention indirecte (minutes)"))
    counsellor_id = IdSelect(_l("Conseillère ou conseiller"), activity.UNKNOWN_COUNSELLOR)
    notes = Notes(_l("Notes"))
    submit = SubmitField(_l("Ajouter la rencontre"))


class ProbationForm(FlaskForm):
    probation_checked_on = Day(_l("Vérifiée le"), default=local_today)
    probation_note = Notes(_l("Constat"), maximum=5_000)
    submit = SubmitField(_l("Enregistrer la vérification"))


class CloseForm(FlaskForm):
    closed_on = Day(_l("Date de fermeture"), default=local_today)
    outcome = EnumSelect(_l("Résultat"), OUTCOME_LABELS, validators=[DataRequired(REQUIRED)])
    submit = SubmitField(_l("Fermer le suivi"))


class TimelineFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = EnumSelect(_l("Type"), {}, blank=None)
    counsellor = IdSelect(_l("Conseillère ou conseiller"), activity.UNKNOWN_COUNSELLOR)
    start = Day(_l("Du"), required=False)
    end = Day(_l("Au"), required=False)

    def __init__(self, *args, counsellors: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options(
            [("", _l("Toute l'activité"))] + list(TIMELINE_KIND_LABELS.items())
        )
        self.counsellor.choices = options(
            [("", _l("Tous"))] + [(str(u.id), u.name) for u in counsellors]
        )

    def filters(self) -> employer_service.TimelineFilters:
        """The valid filters; a bad one is shown next to its field and left out."""
        self.validate()
        start = None if self.start.errors else self.start.data
        end = None if self.end.errors else self.end.data
        if start and end and end < start:
            self.end.errors = [*self.end.errors, _l("La date de fin doit suivre la date de début.")]
            end = None
        return employer_service.TimelineFilters(
            kind=(self.kind.data or None) if not self.kind.errors else None,
            counsellor_id=self.counsellor.data if not self.counsellor.errors else None,
            start=start,
            end=end,
        )


# --- helpers -----------------------------------------------------------------------------------


def _get_or_404(model, item_id: int):
    return db.session.get(model, item_id) or abort(404)


def _apply_errors(form: FlaskForm, error: RuleError) -> None:
    """Show each rule the service refused next to its field (elsewhere: at the top)."""
    for name, message in error.errors.items():
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            flash(message, "error")


def _counsellor_choices(field, include_ids: Iterable[int] = (), blank=CHOOSE) -> None:
    users = activity.counsellor_options(include_ids)
    field.choices = options([("", blank)] + [(str(u.id), u.name) for u in users])


def _participant_choices(field, include_ids: Iterable[int] = (), blank=CHOOSE) -> None:
    rows = activity.participant_options(include_ids)
    pairs = [(str(r.id), f"{r.last_name}, {r.first_name}") for r in rows]
    field.choices = options(([("", blank)] if blank is not None else []) + pairs)


def _default_counsellor(form: FlaskForm) -> None:
    """A new record is the current counsellor's unless another one is chosen."""
    field = form.counsellor_id
    if field.data is None and not field.raw_data and current_user.role == Role.COUNSELLOR:
        field.data = current_user.id


def _form_page(
    form: FlaskForm,
    save: Callable[[], Any],
    done: str,
    next_url: Callable[[Any], str],
    title: str,
    sections: list,
    **render_context,
):
    """Validate, save through the service and go on; else show the form with its errors."""
    if form.validate_on_submit():
        try:
            saved = save()
        except RuleError as error:
            _apply_errors(form, error)
        else:
            flash(done, "success")
            return redirect(next_url(saved))
    return _render(form, title, sections, **render_context)


def _render(
    form: FlaskForm,
    title: str,
    sections: list,
    *,
    employer: Employer | None = None,
    back: str | None = None,
    **context,
) -> str:
    if form.is_submitted() and any(f.errors for f in form):
        flash(FORM_ERRORS, "error")
    return render_template(
        "employers/form.html",
        form=form,
        title=title,
        sections=sections,
        employer=employer,
        back=back,
        **context,
    )


def _detail_url(employer_id: int, anchor: str | None = None) -> str:
    return url_for("employers.detail", employer_id=employer_id, _anchor=anchor)


# --- search and the employer page --------------------------------------------------------------


@bp.get("/")
def index():
    form = SearchForm(formdata=request.args)
    form.validate()
    page_arg = request.args.get("page", "1")
    page = int(page_arg) if page_arg.isdigit() and len(page_arg) < 6 else 1
    result = employer_service.search_employers(
        q=None if form.q.errors else form.q.data,
        mrc=None if form.mrc.errors else (form.mrc.data or None),
        sector=None if form.sector.errors else form.sector.data,
        page=page,
    )
    return render_template(
        "employers/index.html",
        form=form,
        result=result,
        sectors=employer_service.sector_suggestions(),
        query_args={k: v for k, v in request.args.items() if k in ("q", "mrc", "sector") and v},
    )


@writers.route("/nouveau", methods=["GET", "POST"])
def new_employer():
    form = EmployerForm()
    return _form_page(
        form,
        lambda: employer_service.create_employer(form.data_for_service(), current_user),
        _("L'employeur est ajouté."),
        lambda employer: _detail_url(employer.id),
        _("Nouvel employeur"),
        [(None, list(employer_service.EMPLOYER_FIELDS))],
        back=url_for("employers.index"),
        sectors=employer_service.sector_suggestions(),
    )


@bp.get("/<id:employer_id>")
def detail(employer_id: int):
    form = TimelineFilterForm(
        formdata=request.args, counsellors=activity.counsellor_options(everyone=True)
    )
    filters = form.filters()
    file = employer_service.employer_file(employer_id, filters, viewer=current_user)
    if file is None:
        abort(404)
    return render_template(
        "employers/detail.html",
        file=file,
        employer=file.employer,
        filter_form=form,
    )


@writers.route("/<id:employer_id>/modifier", methods=["GET", "POST"])
def edit_employer(employer_id: int):
    employer = _get_or_404(Employer, employer_id)
    form = EmployerForm(obj=employer)
    return _form_page(
        form,
        lambda: employer_service.update_employer(employer, form.data_for_service(), current_user),
        _("Modifications enregistrées."),
        lambda _saved: _detail_url(employer.id),
        _("Modifier l'employeur"),
        [(None, list(employer_service.EMPLOYER_FIELDS))],
        employer=employer,
        back=_detail_url(employer.id),
        sectors=employer_service.sector_suggestions(),
    )


# --- contact persons ---------------------------------------------------------------------------

CONTACT_SECTIONS = [(None, ["name", "email", "phone"])]


@writers.route("/<id:employer_id>/personnes-ressources/nouvelle", methods=["GET", "POST"])
def new_contact(employer_id: int):
    employer = _get_or_404(Employer, employer_id)
    form = ContactForm()
    return _form_page(
        form,
        lambda: employer_service.add_contact(employer, form.data, current_user),
        _("La personne-ressource est ajoutée."),
        lambda _saved: _detail_url(employer.id, "personnes-ressources"),
        _("Nouvelle personne-ressource"),
        CONTACT_SECTIONS,
        employer=employer,
        back=_detail_url(employer.id),
    )


@writers.route("/personnes-ressources/<id:item_id>", methods=["GET", "POST"])
def edit_contact(item_id: int):
    contact = _get_or_404(Contact, item_id)
    form = ContactForm(obj=contact)
    return _form_page(
        form,
        lambda: employer_service.update_contact(contact, form.data, current_user),
        _("Modifications enregistrées."),
        lambda _saved: _detail_url(contact.employer_id, "personnes-ressources"),
        _("Modifier la personne-ressource"),
        CONTACT_SECTIONS,
        employer=contact.employer,
        back=_detail_url(contact.employer_id),
    )


# --- contacts with the employer ----------------------------------------------------------------

INTERACTION_SECTIONS = [
    (None, ["kind", "occurred_on", "counsellor_id", "contact_id", "notes"]),
    (_l("Suite à donner (facultatif)"), ["next_action", "next_action_due"]),
]


def _interaction_form(employer: Employer, interaction: EmployerInteraction | None):
    form = InteractionForm(obj=interaction)
    _counsellor_choices(
        form.counsellor_id, [interaction.counsellor_id] if interaction else [], _l("Aucun·e")
    )
    form.contact_id.choices = options(
        [("", _l("Aucune"))] + [(str(c.id), f"{c.name} ({c.email})") for c in employer.contacts]
    )
    if interaction is None:
        _default_counsellor(form)
    return form


def _section_data(form: FlaskForm, sections: list) -> dict:
    """The values of the form's fields listed in `sections`, for a service."""
    return {name: form[name].data for _legend, names in sections for name in names}


@writers.route("/<id:employer_id>/interactions/nouvelle", methods=["GET", "POST"])
def new_interaction(employer_id: int):
    employer = _get_or_404(Employer, employer_id)
    form = _interaction_form(employer, None)
    return _form_page(
        form,
        lambda: activity.record_interaction(
            employer, _section_data(form, INTERACTION_SECTIONS), current_user
        ),
        _("Le contact avec l'entreprise est enregistré."),
        lambda _saved: _detail_url(employer.id, "activite"),
        _("Nouveau contact avec l'entreprise"),
        INTERACTION_SECTIONS,
        employer=employer,
        back=_detail_url(employer.id),
    )


@writers.route("/interactions/<id:item_id>", methods=["GET", "POST"])
def edit_interaction(item_id: int):
    interaction = _get_or_404(EmployerInteraction, item_id)
    employer = interaction.employer
    form = _interaction_form(employer, interaction)
    return _form_page(
        form,
        lambda: activity.record_interaction(
            employer, _section_data(form, INTERACTION_SECTIONS), current_user, interaction
        ),
        _("Modifications enregistrées."),
        lambda _saved: _detail_url(employer.id, "activite"),
        _("Modifier le contact avec l'entreprise"),
        INTERACTION_SECTIONS,
        employer=employer,
        back=_detail_url(employer.id),
    )


@writers.post("/interactions/<id:item_id>/suite-faite")
def complete_interaction(item_id: int):
    interaction = _get_or_404(EmployerInteraction, item_id)
    if ActionForm().validate_on_submit():
        try:
            activity.complete_next_action(interaction, current_user)
        except RuleError as error:
            for message in error.errors.values():
                flash(message, "error")
        else:
            flash(_("La suite à donner est marquée comme faite."), "success")
    else:
        flash(_("Le formulaire a expiré; réessayez."), "error")
    return redirect(_detail_url(interaction.employer_id, "activite"))


# --- company visits ----------------------------------------------------------------------------

VISIT_SECTIONS = [
    (None, ["visited_on", "purpose", "counsellor_ids", "participant_ids", "notes", "follow_up"])
]


def _visit_form(visit: CompanyVisit | None):
    counsellor_ids = [c.id for c in visit.counsellors] if visit else []
    participant_ids = [p.id for p in visit.participants] if visit else []
    form = VisitForm(obj=visit, counsellor_ids=counsellor_ids, participant_ids=participant_ids)
    users = activity.counsellor_options(counsellor_ids)
    form.counsellor_ids.choices = options([(str(u.id), u.name) for u in users])
    _participant_choices(form.participant_ids, participant_ids, blank=None)
    if not form.is_submitted() and not form.counsellor_ids.data:
        if current_user.role == Role.COUNSELLOR:
            form.counsellor_ids.data = [current_user.id]
    return form


@writers.route("/<id:employer_id>/visites/nouvelle", methods=["GET", "POST"])
def new_visit(employer_id: int):
    employer = _get_or_404(Employer, employer_id)
    form = _visit_form(None)
    return _form_page(
        form,
        lambda: activity.record_visit(employer, _section_data(form, VISIT_SECTIONS), current_user),
        _("La visite est enregistrée."),
        lambda _saved: _detail_url(employer.id, "activite"),
        _("Nouvelle visite d'entreprise"),
        VISIT_SECTIONS,
        employer=employer,
        back=_detail_url(employer.id),
    )


@writers.route("/visites/<id:item_id>", methods=["GET", "POST"])
def edit_visit(item_id: int):
    visit = _get_or_404(CompanyVisit, item_id)
    employer = visit.employer
    form = _visit_form(visit)
    return _form_page(
        form,
        lambda: activity.record_visit(
            employer, _section_data(form, VISIT_SECTIONS), current_user, visit
        ),
        _("Modifications enregistrées."),
        lambda _saved: _detail_url(employer.id, "activite"),
        _("Modifier la visite d'entreprise"),
        VISIT_SECTIONS,
        employer=employer,
        back=_detail_url(employer.id),
    )


# --- stages ------------------------------------------------------------------------------------

PLACEMENT_SECTIONS = [
    (None, ["participant_id", "program", "kind", "counsellor_id", "supervisor_name"]),
    (_l("Dates et heures"), ["starts_on", "ends_on", "hours"]),
    (_l("Déroulement et résultat"), ["status", "interruption_reason", "evaluation", "job_offered"]),
]


def _placement_form(placement: Placement | None):
    form = PlacementForm(obj=placement)
    _participant_choices(form.participant_id, [placement.participant_id] if placement else [])
    _counsellor_choices(
        form.counsellor_id, [placement.counsellor_id] if placement else [], _l("Aucun·e")
    )
    if placement is None:
        _default_counsellor(form)
    return form


@writers.route("/<id:employer_id>/stages/nouveau", methods=["GET", "POST"])
def new_placement(employer_id: int):
    employer = _get_or_404(Employer, employer_id)
    form = _placement_form(None)
    return _form_page(
        form,
        lambda: activity.create_placement(
            employer, _section_data(form, PLACEMENT_SECTIONS), current_user
        ),
        _("Le stage est enregistré."),
        lambda _saved: _detail_url(employer.id, "activite"),
        _("Nouveau stage"),
        PLACEMENT_SECTIONS,
        employer=employer,
        back=_detail_url(employer.id),
    )


@writers.route("/stages/<id:item_id>", methods=["GET", "POST"])
def edit_placement(item_id: int):
    placement = _get_or_404(Placement, item_id)
    employer = placement.employer
    form = _placement_form(placement)
    return _form_page(
        form,
        lambda: activity.update_placement(
            placement, _section_data(form, PLACEMENT_SECTIONS), current_user
        ),
        _("Modifications enregistrées."),
        lambda _saved: _detail_url(employer.id, "activite"),
        _("Modifier le stage"),
        PLACEMENT_SECTIONS,
        employer=employer,
        back=_detail_url(employer.id),
    )


# --- maintien en emploi ------------------------------------------------------------------------

FOLLOW_UP_SECTIONS = [
    (
        None,
        [
            "participant_id",
            "mode",
            "employer_id",
            "counsellor_id",
            "job_title",
            "hired_on",
            "opened_on",
            "probation_ends_on",
        ],
    ),
    (_l("Plan d'accompagnement"), ["worker_needs", "employer_needs", "goals"]),
    (
        _l("Subvention salariale"),
        [
            "subsidised",
            "subsidy_measure",
            "subsidy_weeks",
            "subsidy_percentage",
            "subsidy_starts_on",
            "subsidy_ends_on",
        ],
    ),
]


def _follow_up_form(follow_up: RetentionFollowUp | None, employer_id: int | None = None):
    subsidy = follow_up.subsidy if follow_up else None
    extra = {}
    if subsidy is not None:
        extra = {f"subsidy_{name}": getattr(subsidy, name) for name in SUBSIDY_FIELDS}
    form = FollowUpForm(obj=follow_up, **extra)
    _participant_choices(form.participant_id, [follow_up.participant_id] if follow_up else [])
    _counsellor_choices(
        form.counsellor_id, [follow_up.counsellor_id] if follow_up else [], _l("Aucun·e")
    )
    form.employer_id.choices = options(
        [("", _l("Aucun (suivi bipartite sans l'employeur)"))]
        + [(str(row.id), row.name) for row in activity.employer_options()]
    )
    if follow_up is None:
        if not form.is_submitted() and employer_id is not None:
            form.employer_id.data = employer_id
        _default_counsellor(form)
    return form


SUBSIDY_FIELDS = ("measure", "weeks", "percentage", "starts_on", "ends_on")


@writers.route("/maintien/nouveau", methods=["GET", "POST"])
def new_follow_up():
    employer_arg = request.args.get("employeur", "")
    employer_id = int(employer_arg) if employer_arg.isdigit() and len(employer_arg) < 10 else None
    # From a hired referral (?jumelage=<id>): prefilled here, the link checked by the service.
    referral_arg = request.args.get("jumelage", "")[:20] or None
    prefill = referral_service.follow_up_prefill(referral_arg) if referral_arg else None
    if prefill and employer_id is None:
        employer_id = prefill["employer_id"]
    form = _follow_up_form(None, employer_id)
    if prefill:
        _participant_choices(form.participant_id, [prefill["participant_id"]])
        if not form.is_submitted():
            for name, value in prefill.items():
                form[name].data = value
    elif referral_arg and not form.is_submitted():
        flash(_("Ce jumelage ne peut pas être lié à un nouveau suivi."), "error")
    return _form_page(
        form,
        lambda: activity.open_follow_up(
            {**_section_data(form, FOLLOW_UP_SECTIONS), "referral_id": referral_arg}, current_user
        ),
        _("Le suivi de maintien en emploi est ouvert."),
        lambda follow_up: url_for("employers.follow_up", item_id=follow_up.id),
        _("Nouveau suivi de maintien en emploi"),
        FOLLOW_UP_SECTIONS,
        employer=db.session.get(Employer, employer_id) if employer_id else None,
        back=_detail_url(employer_id) if employer_id else url_for("employers.index"),
    )


def _follow_up_page(follow_up: RetentionFollowUp, **forms: FlaskForm):
    """The follow-up with its meetings and the forms to add a meeting, record the probation
    check and close it; `forms` are the ones just posted (with their errors)."""
    if not can_write():
        page_forms = {}
    else:
        page_forms = {
            "meeting_form": forms.get("meeting_form") or _meeting_form(formdata=None),
            "probation_form": forms.get("probation_form")
            or ProbationForm(
                formdata=None, obj=follow_up if follow_up.probation_checked_on else None
            ),
            "close_form": forms.get("close_form") or CloseForm(formdata=None),
        }
    if any(form.errors for form in forms.values()):
        flash(FORM_ERRORS, "error")
    return render_template("employers/follow_up.html", follow_up=follow_up, **page_forms)


def _meeting_form(**kwargs) -> MeetingForm:
    form = MeetingForm(**kwargs)
    _counsellor_choices(form.counsellor_id, [], _l("Aucun·e"))
    _default_counsellor(form)
    return form


def _load_follow_up(item_id: int, viewer=None) -> RetentionFollowUp:
    return activity.follow_up_file(item_id, viewer) or abort(404)


@bp.get("/maintien/<id:item_id>")
def follow_up(item_id: int):
    return _follow_up_page(_load_follow_up(item_id, current_user))


@writers.route("/maintien/<id:item_id>/modifier", methods=["GET", "POST"])
def edit_follow_up(item_id: int):
    follow_up = _load_follow_up(item_id)
    if follow_up.closed_on is not None:
        flash(_("Ce suivi est fermé; il ne peut plus être modifié."), "error")
        return redirect(url_for("employers.follow_up", item_id=item_id))
    form = _follow_up_form(follow_up)
    return _form_page(
        form,
        lambda: activity.update_follow_up(
            follow_up, _section_data(form, FOLLOW_UP_SECTIONS), current_user
        ),
        _("Modifications enregistrées."),
        lambda _saved: url_for("employers.follow_up", item_id=item_id),
        _("Modifier le suivi de maintien en emploi"),
        FOLLOW_UP_SECTIONS,
        back=url_for("employers.follow_up", item_id=item_id),
    )


def _follow_up_action(item_id: int, form: FlaskForm, form_key: str, service, done_message):
    """Post one of the follow-up page's forms to `service`; on errors show the page again."""
    follow_up = _load_follow_up(item_id)
    if form.validate_on_submit():
        data = {
            name: field.data
            for name, field in form._fields.items()
            if name not in ("csrf_token", "submit")
        }
        try:
            service(follow_up, data, current_user)
        except RuleError as error:
            _apply_errors(form, error)
        else:
            flash(done_message, "success")
            return redirect(url_for("employers.follow_up", item_id=item_id))
    return _follow_up_page(follow_up, **{form_key: form})


@writers.post("/maintien/<id:item_id>/rencontres")
def add_meeting(item_id: int):
    return _follow_up_action(
        item_id,
        _meeting_form(),
        "meeting_form",
        activity.add_meeting,
        _l("La rencontre est ajoutée."),
    )


@writers.post("/maintien/<id:item_id>/probation")
def check_probation(item_id: int):
    return _follow_up_action(
        item_id,
        ProbationForm(),
        "probation_form",
        activity.check_probation,
        _l("La vérification de fin de probation est enregistrée."),
    )


@writers.post("/maintien/<id:item_id>/fermeture")
def close_follow_up(item_id: int):
    return _follow_up_action(
        item_id,
        CloseForm(),
        "close_form",
        activity.close_follow_up,
        _l("Le suivi est fermé."),
    )


bp.register_blueprint(writers)
