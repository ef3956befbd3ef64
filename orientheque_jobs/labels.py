"""The French labels of the domain's enumerations, one place for forms, pages and exports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import (
    ConsentMethod,
    ConsentScope,
    DistributionResult,
    EmployerSize,
    EmploymentType,
    FollowUpMode,
    FollowUpOutcome,
    InteractionKind,
    LanguageRequirement,
    MeetingPlace,
    OfferStatus,
    PlacementKind,
    PlacementStatus,
    Program,
    RecordOpenness,
    ReferralStatus,
    SalaryUnit,
    Schedule,
    ServiceGroup,
    TransportMode,
    VisitPurpose,
)

# --- offers ----------------------------------------------------------------------------------
EMPLOYMENT_TYPE_LABELS = {
    EmploymentType.FULL_TIME: _l("Temps plein"),
    EmploymentType.PART_TIME: _l("Temps partiel"),
    EmploymentType.PERMANENT: _l("Permanent"),
    EmploymentType.TEMPORARY: _l("Temporaire"),
    EmploymentType.SEASONAL: _l("Saisonnier"),
}
SCHEDULE_LABELS = {
    Schedule.DAY: _l("Jour"),
    Schedule.EVENING: _l("Soir"),
    Schedule.NIGHT: _l("Nuit"),
    Schedule.WEEKEND: _l("Fin de semaine"),
    Schedule.ROTATION: _l("Rotation"),
}
SALARY_UNIT_LABELS = {
    SalaryUnit.HOUR: _l("l'heure"),
    SalaryUnit.WEEK: _l("la semaine"),
    SalaryUnit.YEAR: _l("l'année"),
}
LANGUAGE_REQUIREMENT_LABELS = {
    LanguageRequirement.NONE: _l("Aucune autre langue"),
    LanguageRequirement.ASSET: _l("Un atout"),
    LanguageRequirement.REQUIRED: _l("Exigée"),
}
RECORD_OPENNESS_LABELS = {
    RecordOpenness.YES: _l("Oui"),
    RecordOpenness.NO: _l("Non"),
    RecordOpenness.DISCUSS: _l("À discuter"),
}
# Échelle québécoise des niveaux de compétence en français: three stages of four levels.
FRENCH_LEVELS = range(1, 13)
FRENCH_LEVEL_LABELS = {
    level: _l("Niveau %(level)d – débutant", level=level)
    if level <= 4
    else _l("Niveau %(level)d – intermédiaire", level=level)
    if level <= 8
    else _l("Niveau %(level)d – avancé", level=level)
    for level in FRENCH_LEVELS
}
DISTRIBUTION_RESULT_LABELS = {
    DistributionResult.SENT: _l("diffusée"),
    DistributionResult.REMOVED: _l("retirée"),
    DistributionResult.FAILED: _l("échec"),
}
OFFER_STATUS_LABELS = {
    OfferStatus.DRAFT: _l("Brouillon"),
    OfferStatus.SUBMITTED: _l("En attente de modération"),
    OfferStatus.PUBLISHED: _l("Publiée"),
    OfferStatus.REJECTED: _l("Refusée"),
    OfferStatus.FILLED: _l("Pourvue"),
    OfferStatus.EXPIRED: _l("Expirée"),
    OfferStatus.WITHDRAWN: _l("Retirée"),
}

# --- participants ----------------------------------------------------------------------------
# Service groups are codes of the Services Québec agreements, the same in both languages.
SERVICE_GROUP_LABELS = {group: group.value for group in ServiceGroup}
PROGRAM_LABELS = {
    Program.FOCUS_CARRIERE: _l("Focus carrière"),
    Program.B50: _l("B-50+"),
    Program.NOUVEAU_DEPART: _l("Nouveau départ"),
    Program.MFOR: _l("MFOR"),
    Program.ORIENTATION_STAGE: _l("Orientation/stage"),
    Program.OTHER: _l("Autre"),
}
CONSENT_SCOPE_LABELS = {
    ConsentScope.SERVICES: _l("Services (ouverture et tenue du dossier)"),
    ConsentScope.SENSITIVE: _l("Renseignements sensibles"),
    ConsentScope.MATCHING: _l("Jumelage avec des offres d'emploi"),
    ConsentScope.DIGEST: _l("Envoi quotidien d'offres par courriel"),
}
CONSENT_METHOD_LABELS = {
    ConsentMethod.WRITTEN: _l("Écrit (formulaire signé)"),
    ConsentMethod.ORAL: _l("Verbal"),
    ConsentMethod.ELECTRONIC: _l("Électronique"),
}
TRANSPORT_MODE_LABELS = {
    TransportMode.CAR: _l("Auto"),
    TransportMode.TRANSIT: _l("Transport collectif"),
    TransportMode.ACTIVE: _l("À pied ou à vélo"),
}

# --- the employer file ----------------------------------------------------------------------
SIZE_LABELS = {
    EmployerSize.MICRO: _l("1 à 4 employés"),
    EmployerSize.SMALL: _l("5 à 19 employés"),
    EmployerSize.MEDIUM: _l("20 à 99 employés"),
    EmployerSize.LARGE: _l("100 employés et plus"),
}
INTERACTION_KIND_LABELS = {
    InteractionKind.CALL: _l("Appel téléphonique"),
    InteractionKind.EMAIL: _l("Courriel"),
    InteractionKind.MEETING: _l("Rencontre"),
    InteractionKind.REPRESENTATION: _l("Représentation et réseautage"),
    InteractionKind.PARTNER_MEETING: _l("Rencontre avec organismes / partenaires"),
    InteractionKind.WORKSHOP: _l("Intervention en atelier"),
    InteractionKind.EMPLOYER_CONFERENCE: _l("Conférence employeur / speed jobbing"),
}
VISIT_PURPOSE_LABELS = {
    VisitPurpose.PROSPECTION: _l("Prospection"),
    VisitPurpose.WITH_PARTICIPANTS: _l("Visite avec participants"),
    VisitPurpose.FOLLOW_UP: _l("Suivi"),
}
PLACEMENT_KIND_LABELS = {
    PlacementKind.OBSERVATION: _l("Stage d'observation"),
    PlacementKind.PRACTICAL: _l("Stage pratique"),
}
PLACEMENT_STATUS_LABELS = {
    PlacementStatus.PLANNED: _l("Planifié"),
    PlacementStatus.ONGOING: _l("En cours"),
    PlacementStatus.COMPLETED: _l("Terminé"),
    PlacementStatus.INTERRUPTED: _l("Interrompu"),
}
FOLLOW_UP_MODE_LABELS = {
    FollowUpMode.BIPARTITE: _l("Bipartite (la personne et sa conseillère ou son conseiller)"),
    FollowUpMode.TRIPARTITE: _l("Tripartite (avec l'employeur)"),
}
OUTCOME_LABELS = {
    FollowUpOutcome.STILL_EMPLOYED: _l("Toujours en emploi"),
    FollowUpOutcome.JOB_LOST: _l("Emploi perdu"),
    FollowUpOutcome.NO_NEWS: _l("Sans nouvelles"),
}
MEETING_PLACE_LABELS = {
    MeetingPlace.COMPANY: _l("En entreprise"),
    MeetingPlace.OFFICE: _l("Au bureau"),
    MeetingPlace.VIRTUAL: _l("Virtuel"),
    MeetingPlace.PHONE: _l("Téléphone"),
}

# --- referrals (jumelages) -------------------------------------------------------------------
REFERRAL_STATUS_LABELS = {
    ReferralStatus.PROPOSED: _l("Proposé"),
    ReferralStatus.SENT: _l("CV envoyé"),
    ReferralStatus.INTERVIEW: _l("Entrevue"),
    ReferralStatus.HIRED: _l("Embauche"),
    ReferralStatus.NOT_RETAINED: _l("Candidature non retenue"),
    ReferralStatus.WITHDRAWN: _l("Retiré"),
}
