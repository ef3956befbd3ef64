"""Demonstration data: staff accounts, employers of the Sorel-Tracy area and their offers.

`load_demo_data` (behind `flask demo load`) loads the set once; running it again adds nothing.
The generator is reusable: `build_employers` and `generate_offers` return unsaved model objects
from the text tables below, driven by a seeded `random.Random`, so the same seed and day always
give the same offers. `bench/board.py` uses them to fill a database with published offers.

Offers carry plausible matching facts (French level, openness to a criminal record, wage
subsidy, transport collectif) and most participants a matching profile looking for demo jobs;
both come from generators of their own, so adding them left every other demo value unchanged.

Every name, email domain (`.demo`), NEQ and phone number here is fictional; municipality and
CNP codes come from the reference tables.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import (
    CompanyVisit,
    Contact,
    Employer,
    EmployerInteraction,
    EmployerSize,
    EmploymentType,
    LanguageRequirement,
    MatchingProfile,
    Offer,
    OfferEvent,
    OfferStatus,
    Participant,
    Placement,
    RecordOpenness,
    RetentionFollowUp,
    Role,
    SalaryUnit,
    Schedule,
    User,
    utcnow,
)
from .clock import local_today
from .demo_activity import build_profiles, generate_activity, second_counsellor
from .offers import search_text_of

DEMO_PASSWORD = "demo-orientheque-2024"  # noqa: S105 (public, printed by `flask demo load`)
DEMO_SEED = 20240701
DEMO_OFFER_COUNT = 240
COUNSELLOR_EMAIL = "conseiller@orientheque.demo"
STAFF = (
    (COUNSELLOR_EMAIL, "Geneviève Cournoyer", Role.COUNSELLOR),
    ("direction@orientheque.demo", "Martin Salvail", Role.MANAGER),
    ("admin@orientheque.demo", "Administration Orienthèque", Role.ADMIN),
)
STAFF_EMAILS = tuple(email for email, _, _ in STAFF)

# Share of each status in the demo set (drafts included: a counsellor's unfinished entries).
DEMO_STATUS_WEIGHTS: Mapping[OfferStatus, float] = {
    OfferStatus.PUBLISHED: 0.50,
    OfferStatus.SUBMITTED: 0.09,
    OfferStatus.REJECTED: 0.06,
    OfferStatus.FILLED: 0.14,
    OfferStatus.EXPIRED: 0.12,
    OfferStatus.WITHDRAWN: 0.06,
    OfferStatus.DRAFT: 0.03,
}
PUBLISHED_ONLY: Mapping[OfferStatus, float] = {OfferStatus.PUBLISHED: 1.0}
PUBLISHED_WINDOW_DAYS = 60

FT, PT = EmploymentType.FULL_TIME, EmploymentType.PART_TIME
PERM, TEMP, SEAS = EmploymentType.PERMANENT, EmploymentType.TEMPORARY, EmploymentType.SEASONAL
DAY, EVE, NIGHT = Schedule.DAY, Schedule.EVENING, Schedule.NIGHT
WKND, ROT = Schedule.WEEKEND, Schedule.ROTATION
HOUR, YEAR = SalaryUnit.HOUR, SalaryUnit.YEAR

ENGLISH = "Anglais"


@dataclass(frozen=True)
class Job:
    """A job template: the offer generator varies its schedule, pay, wording and dates."""

    title: str
    noc: str
    summary: str
    tasks: tuple[str, ...]
    requirements: tuple[str, ...]
    pay: tuple[int, int, SalaryUnit]  # typical low and high, in cents per unit
    types: tuple[int, ...] = (FT | PERM,)
    schedules: tuple[int, ...] = (DAY,)
    remote: bool = False  # the work can be done from home
    english: tuple[str, str] | None = None  # (title, summary) of an English version
    language: str | None = None  # why English is really needed, when it is


@dataclass(frozen=True)
class DemoEmployer:
    name: str
    sector: str
    municipality: str
    domain: str
    address: str
    neq: str | None
    website: bool
    contacts: tuple[tuple[str, str], ...]  # (name, local part of the work email)
    size: str  # number of employees, as in EmployerSize
    phone: str


# --- jobs ------------------------------------------------------------------------------------

WELDER = Job(
    "Soudeur-assembleur ou soudeuse-assembleuse",
    "72106",
    "Vous souderez et assemblerez des pièces et des sous-ensembles d'acier au carbone et "
    "d'acier inoxydable à partir de plans, principalement aux procédés MIG et fil fourré.",
    (
        "Lire et interpréter les plans et les devis de fabrication",
        "Préparer, ajuster et pointer les pièces avant le soudage",
        "Souder aux procédés GMAW (MIG) et FCAW en toutes positions",
        "Meuler et inspecter visuellement ses soudures",
        "Respecter les règles de santé et de sécurité de l'atelier",
    ),
    (
        "DEP en soudage-montage ou expérience équivalente",
        "Capacité à lire des plans",
        "Certification CWB, un atout",
        "Bottes et lunettes de sécurité (allocation fournie)",
    ),
    (2400, 3200, HOUR),
    schedules=(DAY, EVE, NIGHT, DAY),
    english=(
        "Welder-fitter",
        "You will weld and fit carbon steel and stainless steel parts and sub-assemblies "
        "from drawings, mainly with the MIG and flux-cored processes.",
    ),
)
MACHINIST = Job(
    "Machiniste CNC",
    "72100",
    "Vous réglerez et opérerez des centres d'usinage et des tours à commande numérique pour "
    "produire des pièces de précision en petites séries.",
    (
        "Faire la mise en course des tours et des centres d'usinage CNC",
        "Modifier des programmes simples (code G) au besoin",
        "Mesurer les pièces au micromètre, au pied à coulisse et aux jauges",
        "Remplir les rapports de production et de qualité",
        "Entretenir son poste et les outils de coupe",
    ),
    (
        "DEP en techniques d'usinage",
        "Connaissance des contrôles Fanuc ou Haas, un atout",
        "Souci de la précision et du travail bien fait",
        "Deux ans d'expérience en usinage",
    ),
    (2600, 3400, HOUR),
    schedules=(DAY, EVE),
)
PRESS_OPERATOR = Job(
    "Opérateur ou opératrice de presse plieuse",
    "94105",
    "Vous plierez des tôles d'acier et d'aluminium sur une presse plieuse à commande numérique "
    "selon les dessins techniques.",
    (
        "Choisir et installer les poinçons et les matrices",
        "Faire les premiers pliages et valider les dimensions",
        "Produire les séries en respectant les tolérances",
        "Manipuler les tôles au pont roulant de façon sécuritaire",
    ),
    (
        "Expérience en opération de machines, un atout",
        "Lecture de plans de base",
        "Capacité à soulever des charges de 20 kg",
        "Formation offerte à l'interne",
    ),
    (2100, 2700, HOUR),
    schedules=(DAY, EVE),
)
PRODUCTION_LABOURER = Job(
    "Journalier ou journalière de production",
    "95100",
    "Vous prêterez main-forte à l'équipe de production : préparation des pièces, ébavurage, "
    "peinture et emballage des commandes.",
    (
        "Ébavurer et meuler des pièces métalliques",
        "Préparer les pièces pour la peinture",
        "Emballer et étiqueter les commandes",
        "Garder l'aire de travail propre et sécuritaire",
    ),
    (
        "Aucune expérience requise : formation sur place",
        "Bonne forme physique",
        "Ponctualité et assiduité",
    ),
    (1850, 2200, HOUR),
    types=(FT | PERM, FT | TEMP),
    schedules=(DAY, EVE, NIGHT),
)
DRAFTER = Job(
    "Dessinateur ou dessinatrice en mécanique (SolidWorks)",
    "22212",
    "Vous préparerez les dessins d'atelier et les nomenclatures des pièces et des structures à "
    "fabriquer, en collaboration avec l'équipe d'ingénierie.",
    (
        "Modéliser les pièces et les assemblages dans SolidWorks",
        "Produire les dessins d'atelier et les listes de matériel",
        "Mettre à jour les plans selon les modifications des clients",
        "Soutenir les soudeurs et les machinistes dans la lecture des plans",
    ),
    (
        "DEC en génie mécanique ou AEC en dessin industriel",
        "Maîtrise de SolidWorks ou d'Inventor",
        "Connaissance des symboles de soudage",
    ),
    (5200000, 6800000, YEAR),
    remote=True,
    english=(
        "Mechanical drafter (SolidWorks)",
        "You will prepare shop drawings and bills of materials for the parts and structures "
        "we build, working with the engineering team.",
    ),
)
MILLWRIGHT = Job(
    "Mécanicien industriel ou mécanicienne industrielle",
    "72400",
    "Vous assurerez l'entretien préventif et correctif des équipements de production : presses, "
    "ponts roulants, convoyeurs et systèmes hydrauliques.",
    (
        "Diagnostiquer les bris mécaniques, hydrauliques et pneumatiques",
        "Faire l'entretien préventif selon le calendrier",
        "Fabriquer ou modifier des pièces au besoin",
        "Consigner les interventions dans le registre d'entretien",
    ),
    (
        "DEP en mécanique industrielle de construction et d'entretien",
        "Carte de compétence, un atout",
        "Disponibilité pour une garde de fin de semaine sur quatre",
    ),
    (3000, 3800, HOUR),
    schedules=(DAY, DAY | ROT),
)
INDUSTRIAL_PAINTER = Job(
    "Peintre industriel ou peintre industrielle",
    "94213",
    "Vous appliquerez les apprêts et les peintures industrielles sur des pièces d'acier après "
    "leur préparation au jet abrasif.",
    (
        "Préparer les surfaces et masquer les pièces",
        "Mélanger les peintures selon les fiches techniques",
        "Appliquer la peinture au pistolet sans air",
        "Mesurer l'épaisseur du feuil sec et noter les résultats",
    ),
    (
        "Expérience en peinture industrielle ou en carrosserie",
        "Port du masque respiratoire (essai d'ajustement fourni)",
        "Minutie et autonomie",
    ),
    (2200, 2900, HOUR),
    schedules=(DAY, EVE),
)
SANDBLASTER = Job(
    "Sableur-peintre ou sableuse-peintre",
    "95101",
    "Vous préparerez au jet abrasif les coques, les panneaux et les pièces d'acier destinés à la "
    "réparation navale avant leur mise en peinture.",
    (
        "Sabler les surfaces au jet abrasif en cabine et sur les chantiers",
        "Monter et démonter les protections et les échafaudages légers",
        "Appliquer les couches d'apprêt",
        "Entretenir l'équipement de sablage",
    ),
    (
        "Bonne forme physique et tolérance au port d'équipement de protection",
        "Carte ASP Construction, un atout",
        "Aucune peur des hauteurs",
    ),
    (2300, 2800, HOUR),
    types=(FT | PERM, FT | SEAS),
)
IRONWORKER = Job(
    "Monteur ou monteuse de charpentes métalliques",
    "72105",
    "Vous participerez au montage et à la réparation de charpentes et de structures d'acier pour "
    "des navires et des installations portuaires.",
    (
        "Installer les poutres, colonnes et plaques selon les plans",
        "Boulonner, souder et ajuster les assemblages",
        "Travailler en hauteur avec harnais et nacelle",
        "Collaborer avec les grutiers et les signaleurs",
    ),
    (
        "Certificat de compétence compagnon ou apprenti",
        "Carte ASP Construction",
        "Travail en hauteur et en espace clos",
    ),
    (3200, 4100, HOUR),
    types=(FT | PERM, FT | TEMP),
    schedules=(DAY, DAY | EVE),
)
PIPEFITTER = Job(
    "Tuyauteur ou tuyauteuse",
    "72301",
    "Vous installerez et réparerez la tuyauterie des salles des machines et des systèmes de "
    "ballast de navires en réparation au quai.",
    (
        "Lire les isométriques et relever les mesures",
        "Couper, fileter et assembler les tuyaux",
        "Installer les supports, les vannes et les raccords",
        "Faire les essais de pression et corriger les fuites",
    ),
    (
        "Certificat de compétence en tuyauterie",
        "Expérience en milieu industriel ou maritime, un atout",
        "Autonomie et sens de l'organisation",
    ),
    (3400, 4200, HOUR),
    types=(FT | PERM, FT | TEMP),
)
BOILERMAKER = Job(
    "Chaudronnier ou chaudronnière",
    "72103",
    "Vous fabriquerez et réparerez des réservoirs, des chaudières et des pièces de tôle forte "
    "pour nos clients industriels et maritimes.",
    (
        "Tracer et découper la tôle au plasma et à l'oxycoupage",
        "Rouler, plier et assembler les éléments",
        "Souder et réparer les réservoirs sous pression",
        "Contrôler les dimensions et l'équerrage",
    ),
    (
        "DEP en chaudronnerie ou expérience équivalente",
        "Habileté en soudage",
        "Lecture de plans",
    ),
    (2900, 3700, HOUR),
)
INDUSTRIAL_ELECTRICIAN = Job(
    "Électricien industriel ou électricienne industrielle",
    "72201",
    "Vous installerez, entretiendrez et dépannerez les équipements électriques et les automates "
    "de nos clients de l'industrie lourde.",
    (
        "Diagnostiquer les pannes électriques et d'automatisation",
        "Installer des moteurs, des variateurs de vitesse et des panneaux de commande",
        "Lire les schémas électriques et les programmes d'automates",
        "Appliquer les procédures de cadenassage",
    ),
    (
        "Licence C (électricien industriel) valide",
        "Connaissance des automates Allen-Bradley, un atout",
        "Permis de conduire classe 5",
    ),
    (3300, 4300, HOUR),
    schedules=(DAY, DAY | ROT),
)
TRADES_HELPER = Job(
    "Manoeuvre de chantier naval",
    "75119",
    "Vous soutiendrez les gens de métier sur les navires en réparation : manutention, "
    "nettoyage, installation des protections et aide au montage.",
    (
        "Manutentionner le matériel et les outils",
        "Nettoyer les aires de travail et les cales",
        "Installer les bâches et les protections",
        "Assister les soudeurs et les tuyauteurs",
    ),
    (
        "Aucune expérience requise",
        "Bonne forme physique",
        "Carte ASP Construction, un atout",
    ),
    (2000, 2400, HOUR),
    types=(FT | TEMP, FT | SEAS),
)
GROCERY_CLERK = Job(
    "Commis d'épicerie",
    "65102",
    "Vous garnirez les tablettes, ferez la rotation des produits et aiderez la clientèle à "
    "trouver ce qu'elle cherche.",
    (
        "Recevoir et placer la marchandise",
        "Faire la rotation et vérifier les dates de péremption",
        "Préparer les commandes en ligne",
        "Répondre aux questions des clients",
    ),
    (
        "Aucune expérience requise",
        "Disponibilité de soir et de fin de semaine",
        "Entregent et sens du service",
    ),
    (1600, 1900, HOUR),
    types=(PT | PERM, FT | PERM, PT | TEMP),
    schedules=(DAY | WKND, EVE | WKND, NIGHT),
)
CASHIER = Job(
    "Caissier ou caissière",
    "65100",
    "Vous accueillerez la clientèle à la caisse avec le sourire et vous assurerez que chaque "
    "transaction se fait avec exactitude.",
    (
        "Enregistrer les achats et encaisser les paiements",
        "Emballer les produits",
        "Ouvrir et fermer sa caisse",
        "Garder le comptoir propre et bien approvisionné",
    ),
    (
        "Aucune expérience requise",
        "Aisance avec les chiffres",
        "Disponibilité de fin de semaine",
    ),
    (1575, 1800, HOUR),
    types=(PT | PERM, PT | TEMP),
    schedules=(DAY | WKND, EVE | WKND),
)
BUTCHER = Job(
    "Boucher ou bouchère",
    "63201",
    "Vous découperez et préparerez les viandes de notre comptoir de boucherie et conseillerez la "
    "clientèle sur les coupes et la cuisson.",
    (
        "Découper, désosser et parer les viandes",
        "Préparer les produits maison : saucisses, brochettes, marinades",
        "Garnir le comptoir et étiqueter les produits",
        "Respecter les normes du MAPAQ en hygiène et salubrité",
    ),
    (
        "DEP en boucherie de détail ou expérience équivalente",
        "Certificat en hygiène et salubrité alimentaires, un atout",
    ),
    (2100, 2700, HOUR),
    schedules=(DAY, DAY | WKND),
)
BAKER = Job(
    "Boulanger ou boulangère",
    "63202",
    "Vous préparerez les pains, les viennoiseries et les pâtisseries vendus chaque matin à notre "
    "comptoir.",
    (
        "Pétrir, façonner et cuire les pains",
        "Préparer les viennoiseries et les pâtisseries",
        "Suivre les recettes et les fiches de production",
        "Nettoyer les équipements et le laboratoire",
    ),
    (
        "DEP en boulangerie ou expérience équivalente",
        "Aimer travailler tôt le matin",
        "Travail d'équipe",
    ),
    (1900, 2400, HOUR),
    schedules=(NIGHT, NIGHT | WKND, DAY),
)
PRODUCE_MANAGER = Job(
    "Gérant ou gérante du rayon des fruits et légumes",
    "62010",
    "Vous dirigerez l'équipe du rayon des fruits et légumes : commandes, présentation, "
    "fraîcheur et rentabilité.",
    (
        "Planifier les commandes et les horaires",
        "Superviser et former une équipe de six personnes",
        "Veiller à la fraîcheur et à la présentation des étalages",
        "Suivre les marges et les pertes",
    ),
    (
        "Trois ans d'expérience en alimentation, dont une en supervision",
        "Leadership et sens de l'organisation",
    ),
    (2300, 2800, HOUR),
)
DELIVERY_DRIVER = Job(
    "Chauffeur-livreur ou chauffeuse-livreuse",
    "75201",
    "Vous livrerez les commandes à domicile dans la région de Sorel-Tracy et des environs avec "
    "un véhicule de l'entreprise.",
    (
        "Charger le véhicule selon l'itinéraire",
        "Livrer les commandes et encaisser les paiements",
        "Faire l'inspection avant départ du véhicule",
    ),
    (
        "Permis de conduire classe 5 valide",
        "Bon dossier de conduite",
        "Courtoisie",
    ),
    (1650, 1950, HOUR),
    types=(PT | PERM, FT | PERM),
    schedules=(DAY, EVE | WKND),
)
ORDERLY = Job(
    "Préposé ou préposée aux bénéficiaires",
    "33102",
    "Vous accompagnerez nos résidents dans les activités de la vie quotidienne avec respect et "
    "bienveillance, au sein d'une équipe interdisciplinaire.",
    (
        "Aider aux soins d'hygiène, à l'habillement et aux repas",
        "Faire les déplacements et les transferts sécuritaires",
        "Observer l'état des résidents et transmettre l'information à l'infirmière",
        "Participer aux activités de loisirs",
    ),
    (
        "DEP Assistance à la personne en établissement et à domicile, ou formation équivalente",
        "Formation PDSB et RCR à jour, un atout",
        "Empathie et patience",
    ),
    (2250, 2700, HOUR),
    types=(FT | PERM, PT | PERM, PT | TEMP),
    schedules=(DAY | ROT, EVE | WKND, NIGHT | WKND, ROT),
    english=(
        "Personal support worker",
        "You will support our residents in their daily activities with respect and kindness, "
        "as part of an interdisciplinary team.",
    ),
)
LPN = Job(
    "Infirmier auxiliaire ou infirmière auxiliaire",
    "32101",
    "Vous prodiguerez les soins et les traitements infirmiers aux résidents et participerez à "
    "l'évaluation de leur état de santé.",
    (
        "Administrer les médicaments et les traitements",
        "Faire les pansements et les prélèvements",
        "Surveiller les signes vitaux et signaler les changements",
        "Encadrer les préposés aux bénéficiaires",
    ),
    (
        "DEP Santé, assistance et soins infirmiers",
        "Membre de l'OIIAQ",
    ),
    (2650, 3500, HOUR),
    types=(FT | PERM, PT | PERM),
    schedules=(DAY | ROT, EVE | WKND, NIGHT),
)
NURSE = Job(
    "Infirmier ou infirmière",
    "31301",
    "Vous évaluerez l'état de santé des résidents, coordonnerez les soins et soutiendrez l'équipe "
    "de soins sur votre quart de travail.",
    (
        "Évaluer la condition physique et mentale des résidents",
        "Établir et ajuster le plan thérapeutique infirmier",
        "Collaborer avec les médecins et les familles",
        "Superviser l'équipe de soins",
    ),
    (
        "DEC ou baccalauréat en sciences infirmières",
        "Membre de l'OIIQ",
        "Expérience en soins de longue durée, un atout",
    ),
    (3200, 5000, HOUR),
    types=(FT | PERM, PT | PERM),
    schedules=(DAY | ROT, EVE, NIGHT),
)
HOUSEKEEPER = Job(
    "Préposé ou préposée à l'entretien ménager",
    "65310",
    "Vous garderez les chambres et les aires communes propres, sécuritaires et accueillantes.",
    (
        "Nettoyer et désinfecter les chambres et les salles de bain",
        "Entretenir les aires communes",
        "Faire la rotation de la literie",
        "Signaler les bris et les besoins de réparation",
    ),
    (
        "Aucune expérience requise",
        "Minutie et autonomie",
    ),
    (1700, 2050, HOUR),
    types=(FT | PERM, PT | PERM, PT | SEAS),
    schedules=(DAY, DAY | WKND, EVE),
)
COOK = Job(
    "Cuisinier ou cuisinière",
    "63200",
    "Vous préparerez des repas savoureux et équilibrés en respectant les menus, les diètes "
    "particulières et les normes d'hygiène.",
    (
        "Préparer les repas et les collations selon le menu",
        "Adapter les plats aux diètes et aux textures",
        "Gérer l'inventaire et les commandes",
        "Nettoyer la cuisine et les équipements",
    ),
    (
        "DEP en cuisine ou expérience équivalente",
        "Formation en hygiène et salubrité alimentaires",
    ),
    (1900, 2500, HOUR),
    types=(FT | PERM, PT | PERM),
    schedules=(DAY, DAY | WKND, EVE | WKND),
)
HOME_SUPPORT = Job(
    "Auxiliaire aux services de soutien à domicile",
    "44101",
    "Vous aiderez des personnes aînées à demeurer chez elles : entretien ménager, préparation de "
    "repas, courses et aide aux soins d'hygiène.",
    (
        "Faire l'entretien ménager léger et lourd",
        "Préparer des repas",
        "Accompagner la clientèle pour les courses",
        "Aider aux soins d'hygiène selon le plan d'intervention",
    ),
    (
        "Permis de conduire et voiture (kilométrage remboursé)",
        "Formation PDSB, un atout",
        "Respect et discrétion",
    ),
    (1850, 2250, HOUR),
    types=(FT | PERM, PT | PERM),
)
PHARMACY_ASSISTANT = Job(
    "Assistant technique ou assistante technique en pharmacie",
    "33103",
    "Vous soutiendrez les pharmaciens dans la préparation des ordonnances et le service à la "
    "clientèle au laboratoire.",
    (
        "Saisir les ordonnances au dossier",
        "Préparer les piluliers et les médicaments",
        "Gérer les appels des clients et des cliniques",
        "Faire les commandes et la réception des médicaments",
    ),
    (
        "DEP Assistance technique en pharmacie",
        "Connaissance du logiciel Kroll, un atout",
    ),
    (2000, 2500, HOUR),
    types=(FT | PERM, PT | PERM),
    schedules=(DAY, DAY | EVE | WKND),
)
RECEPTIONIST = Job(
    "Réceptionniste",
    "14101",
    "Vous serez la première voix et le premier sourire de notre organisation : accueil, "
    "téléphone, rendez-vous et soutien administratif.",
    (
        "Accueillir et diriger la clientèle",
        "Répondre au téléphone et prendre les rendez-vous",
        "Numériser et classer les documents",
        "Tenir à jour les dossiers",
    ),
    (
        "DEP en secrétariat ou expérience équivalente",
        "Bonne maîtrise du français écrit",
        "Aisance avec les outils informatiques",
    ),
    (1800, 2200, HOUR),
    types=(FT | PERM, PT | PERM, FT | TEMP),
)
LINE_COOK = Job(
    "Cuisinier ou cuisinière de ligne",
    "63200",
    "Vous préparerez les plats de notre menu dans une cuisine animée, en équipe avec le chef.",
    (
        "Préparer la mise en place",
        "Cuisiner les plats au grill et à la friteuse",
        "Respecter les recettes et la présentation",
        "Nettoyer son poste à la fermeture",
    ),
    (
        "Expérience en restauration, un atout",
        "Rapidité et esprit d'équipe",
    ),
    (1800, 2300, HOUR),
    types=(FT | PERM, PT | PERM, FT | SEAS),
    schedules=(EVE | WKND, DAY | WKND),
)
KITCHEN_HELPER = Job(
    "Aide-cuisinier ou aide-cuisinière et plongeur",
    "65201",
    "Vous soutiendrez l'équipe de cuisine : préparation des légumes, plonge et propreté de la "
    "cuisine.",
    (
        "Laver la vaisselle et les chaudrons",
        "Préparer les légumes et les garnitures",
        "Ranger la marchandise",
        "Garder la cuisine propre",
    ),
    (
        "Aucune expérience requise",
        "Premier emploi bienvenu",
    ),
    (1575, 1750, HOUR),
    types=(PT | PERM, PT | SEAS, FT | SEAS),
    schedules=(EVE | WKND, DAY | WKND),
)
SERVER = Job(
    "Serveur ou serveuse",
    "65200",
    "Vous ferez vivre une belle expérience à nos clients, de l'accueil à la table jusqu'à "
    "l'addition.",
    (
        "Prendre les commandes et conseiller les clients",
        "Servir les plats et les boissons",
        "Encaisser les paiements",
        "Monter et desservir les tables",
    ),
    (
        "Carte de serveur de boissons alcooliques, un atout",
        "Entregent et dynamisme",
        "Disponibilité de soir et de fin de semaine",
    ),
    (1260, 1600, HOUR),
    types=(PT | PERM, FT | SEAS, PT | SEAS),
    schedules=(EVE | WKND, DAY | WKND),
)
RESTAURANT_MANAGER = Job(
    "Gérant ou gérante de restaurant",
    "60030",
    "Vous dirigerez les opérations quotidiennes du restaurant : équipe, horaires, commandes, "
    "qualité du service et rentabilité.",
    (
        "Recruter, former et superviser le personnel",
        "Préparer les horaires et les commandes",
        "Suivre les coûts de nourriture et de main-d'oeuvre",
        "Veiller à la satisfaction de la clientèle",
    ),
    (
        "Trois ans d'expérience en restauration, dont deux en gestion",
        "Leadership mobilisateur",
        "Disponibilité selon les besoins de l'entreprise",
    ),
    (4500000, 5800000, YEAR),
    schedules=(DAY | EVE | WKND,),
)
PIZZA_DRIVER = Job(
    "Livreur ou livreuse",
    "75201",
    "Vous livrerez nos commandes avec votre véhicule dans Sorel-Tracy et les municipalités "
    "voisines; pourboires en plus du salaire.",
    (
        "Livrer les commandes chaudes et à l'heure",
        "Encaisser les paiements",
        "Aider à la préparation des boîtes entre les livraisons",
    ),
    (
        "Permis de conduire et véhicule en bon état",
        "Connaissance du secteur",
    ),
    (1575, 1700, HOUR),
    types=(PT | PERM,),
    schedules=(EVE | WKND,),
)
HOST = Job(
    "Hôte ou hôtesse d'accueil",
    "64300",
    "Vous accueillerez nos clients, gérerez les réservations et la liste d'attente et "
    "assignerez les tables.",
    (
        "Accueillir et placer les clients",
        "Gérer les réservations",
        "Répondre au téléphone",
        "Prêter main-forte au service",
    ),
    (
        "Aucune expérience requise",
        "Sourire et entregent",
    ),
    (1575, 1700, HOUR),
    types=(PT | SEAS, PT | PERM),
    schedules=(EVE | WKND,),
)
MECHANIC = Job(
    "Mécanicien ou mécanicienne automobile",
    "72410",
    "Vous diagnostiquerez et réparerez des véhicules de toutes marques dans un garage bien "
    "équipé et une ambiance familiale.",
    (
        "Diagnostiquer les problèmes mécaniques et électriques",
        "Effectuer les entretiens et les réparations",
        "Faire les inspections de sécurité",
        "Conseiller les clients sur les travaux à prévoir",
    ),
    (
        "DEP en mécanique automobile",
        "Coffre d'outils personnel",
        "Permis de conduire valide",
    ),
    (2400, 3300, HOUR),
    english=(
        "Automotive mechanic",
        "You will diagnose and repair vehicles of every make in a well-equipped garage with a "
        "family atmosphere.",
    ),
)
TIRE_TECH = Job(
    "Préposé ou préposée à la pose de pneus",
    "74203",
    "Vous ferez la pose, la réparation et l'équilibrage des pneus, surtout pendant les périodes "
    "de changement de saison.",
    (
        "Démonter et poser les pneus et les roues",
        "Équilibrer et réparer les pneus",
        "Faire les changements d'huile",
        "Entreposer les pneus des clients",
    ),
    (
        "Aucune expérience requise : formation sur place",
        "Bonne forme physique",
    ),
    (1800, 2200, HOUR),
    types=(FT | SEAS, FT | PERM),
)
BODY_TECH = Job(
    "Carrossier ou carrossière",
    "72411",
    "Vous réparerez les carrosseries endommagées, de l'estimation jusqu'à la préparation pour "
    "la peinture.",
    (
        "Démonter les pièces endommagées",
        "Débosseler et redresser les panneaux",
        "Remplacer les pièces de carrosserie",
        "Préparer les surfaces pour la peinture",
    ),
    (
        "DEP en carrosserie",
        "Deux ans d'expérience",
    ),
    (2300, 3100, HOUR),
)
PARTS_CLERK = Job(
    "Commis aux pièces",
    "14401",
    "Vous conseillerez les mécaniciens et les clients et gérerez l'inventaire du comptoir des "
    "pièces.",
    (
        "Trouver les pièces dans les catalogues électroniques",
        "Commander et recevoir les pièces",
        "Tenir l'inventaire à jour",
        "Servir les clients au comptoir et au téléphone",
    ),
    (
        "Connaissances en mécanique",
        "Aisance avec l'informatique",
    ),
    (1900, 2400, HOUR),
)
TRUCK_DRIVER = Job(
    "Chauffeur ou chauffeuse de camion classe 1",
    "73300",
    "Vous transporterez de l'acier et des matériaux vers nos clients du Québec, de l'Ontario "
    "et du nord-est des États-Unis avec un équipement récent.",
    (
        "Faire la ronde de sécurité du tracteur et de la remorque",
        "Sécuriser les chargements (sangles, chaînes, bâches)",
        "Livrer selon l'itinéraire et remplir les documents",
        "Tenir son registre électronique des heures de service",
    ),
    (
        "Permis de conduire classe 1",
        "Dossier de conduite propre",
        "Passeport valide ou carte EXPRES",
    ),
    (2700, 3300, HOUR),
    schedules=(DAY, DAY | NIGHT),
    language="Les trajets comprennent des livraisons chaque semaine en Ontario et aux "
    "États-Unis : il faut communiquer en anglais avec les agents des douanes et le personnel de "
    "réception des clients.",
)
LOCAL_DRIVER = Job(
    "Chauffeur ou chauffeuse classe 3 (livraison locale)",
    "73300",
    "Vous ferez la livraison locale de marchandises avec un camion porteur, de retour à la "
    "maison tous les soirs.",
    (
        "Charger et décharger le camion avec le hayon",
        "Livrer selon l'itinéraire",
        "Faire la ronde de sécurité",
    ),
    (
        "Permis de conduire classe 3",
        "Bon dossier de conduite",
    ),
    (2300, 2700, HOUR),
)
DISPATCHER = Job(
    "Répartiteur ou répartitrice",
    "14404",
    "Vous planifierez les trajets de notre flotte de camions et serez le lien entre les "
    "chauffeurs, les clients et l'entrepôt.",
    (
        "Assigner les voyages aux chauffeurs",
        "Suivre les livraisons en temps réel",
        "Régler les imprévus avec les clients",
        "Préparer les documents de transport",
    ),
    (
        "Expérience en transport, un atout",
        "Calme sous la pression",
        "Anglais fonctionnel, un atout",
    ),
    (2200, 2800, HOUR),
    schedules=(DAY, EVE),
    remote=True,
)
FORKLIFT = Job(
    "Cariste (opérateur ou opératrice de chariot élévateur)",
    "75101",
    "Vous déplacerez la marchandise à l'entrepôt, chargerez les remorques et préparerez les "
    "commandes.",
    (
        "Charger et décharger les remorques",
        "Préparer les commandes",
        "Faire les décomptes d'inventaire",
        "Inspecter le chariot avant chaque quart",
    ),
    (
        "Carte de cariste valide ou formation offerte",
        "Souci de la sécurité",
    ),
    (2000, 2500, HOUR),
    types=(FT | PERM, FT | TEMP),
    schedules=(DAY, EVE, NIGHT),
)
SHIPPER = Job(
    "Commis à l'expédition et à la réception",
    "14400",
    "Vous veillerez à ce que la marchandise entre et sorte de l'entrepôt au bon moment, en bon "
    "état et avec les bons documents.",
    (
        "Vérifier les marchandises reçues",
        "Préparer les connaissements et les bordereaux",
        "Coordonner les cueillettes avec les transporteurs",
        "Saisir les mouvements dans le système d'inventaire",
    ),
    (
        "Expérience en entrepôt",
        "Connaissance d'un logiciel de gestion d'inventaire",
    ),
    (1950, 2400, HOUR),
    schedules=(DAY, EVE),
)
HEAVY_MECHANIC = Job(
    "Mécanicien ou mécanicienne de véhicules lourds",
    "72401",
    "Vous entretiendrez et réparerez nos camions, bétonnières et équipements lourds dans notre "
    "garage.",
    (
        "Diagnostiquer et réparer les moteurs diesel, les freins et les systèmes hydrauliques",
        "Faire les vérifications mécaniques obligatoires",
        "Tenir les registres d'entretien",
    ),
    (
        "DEP en mécanique de véhicules lourds routiers",
        "Mandataire PEP, un atout",
    ),
    (3000, 3800, HOUR),
    schedules=(DAY, EVE),
)
PUBLIC_WORKS = Job(
    "Journalier ou journalière aux travaux publics",
    "75212",
    "Vous participerez à l'entretien du réseau routier, des parcs et des bâtiments municipaux.",
    (
        "Réparer les nids-de-poule et la signalisation",
        "Entretenir les parcs et les espaces verts",
        "Faire l'entretien des bornes-fontaines",
        "Participer aux opérations de déneigement",
    ),
    (
        "Permis de conduire classe 5, classe 3 un atout",
        "Bonne forme physique",
        "Carte ASP Construction, un atout",
    ),
    (2300, 2800, HOUR),
    types=(FT | SEAS, FT | PERM),
    schedules=(DAY, DAY | NIGHT),
)
WATER_OPERATOR = Job(
    "Opérateur ou opératrice en traitement de l'eau potable",
    "92101",
    "Vous assurerez le bon fonctionnement de l'usine de filtration et la qualité de l'eau "
    "distribuée aux citoyens.",
    (
        "Surveiller les procédés de traitement",
        "Faire les prélèvements et les analyses",
        "Entretenir les équipements de l'usine",
        "Consigner les données dans les registres",
    ),
    (
        "Certificat de qualification OPA ou OTUFD",
        "DEP en conduite de procédés de traitement de l'eau",
        "Garde une fin de semaine sur quatre",
    ),
    (3000, 3700, HOUR),
    schedules=(DAY | ROT,),
)
DAY_CAMP = Job(
    "Animateur ou animatrice de camp de jour",
    "54100",
    "Vous ferez vivre un été inoubliable à des enfants de 5 à 12 ans : jeux, sorties, sports et "
    "activités créatives.",
    (
        "Planifier et animer des activités",
        "Assurer la sécurité des enfants",
        "Communiquer avec les parents",
        "Participer à la formation avant la saison",
    ),
    (
        "Avoir 16 ans et plus",
        "Formation DAFA, un atout",
        "Dynamisme et créativité",
    ),
    (1575, 1800, HOUR),
    types=(FT | SEAS,),
)
LIFEGUARD = Job(
    "Sauveteur ou sauveteuse",
    "54100",
    "Vous surveillerez les baigneurs à la piscine municipale et donnerez des cours de natation.",
    (
        "Surveiller la piscine et intervenir au besoin",
        "Donner les cours de natation",
        "Vérifier la qualité de l'eau",
    ),
    (
        "Brevet de sauveteur national à jour",
        "Moniteur en sécurité aquatique, un atout",
    ),
    (1800, 2100, HOUR),
    types=(PT | SEAS, FT | SEAS),
    schedules=(DAY | WKND, EVE),
)
GROUNDS = Job(
    "Préposé ou préposée à l'entretien des parcs",
    "85121",
    "Vous entretiendrez les parcs, les terrains sportifs et les plates-bandes de la municipalité.",
    (
        "Tondre le gazon et tailler les arbustes",
        "Ramasser les déchets et vider les poubelles",
        "Préparer les terrains sportifs",
    ),
    (
        "Permis de conduire classe 5",
        "Aimer travailler à l'extérieur",
    ),
    (1900, 2200, HOUR),
    types=(FT | SEAS,),
)
SNOW_OPERATOR = Job(
    "Conducteur ou conductrice de machinerie de déneigement",
    "74205",
    "Vous déneigerez les rues et les trottoirs de la municipalité avec une chargeuse ou une "
    "souffleuse.",
    (
        "Conduire la chargeuse, la niveleuse ou la souffleuse",
        "Faire la ronde de sécurité des équipements",
        "Signaler les bris et les obstacles",
    ),
    (
        "Permis de conduire classe 3",
        "Expérience en conduite de machinerie lourde",
        "Disponibilité jour, soir, nuit",
    ),
    (2500, 2900, HOUR),
    types=(FT | SEAS,),
    schedules=(NIGHT | WKND, ROT),
)
OFFICE_CLERK = Job(
    "Commis de bureau",
    "14100",
    "Vous soutiendrez l'équipe administrative : accueil des citoyens, saisie de données, "
    "classement et correspondance.",
    (
        "Accueillir les citoyens au comptoir",
        "Saisir les données dans les logiciels",
        "Rédiger la correspondance courante",
        "Classer et archiver les documents",
    ),
    (
        "DEP en secrétariat ou en comptabilité",
        "Maîtrise de la suite Office",
        "Excellent français écrit",
    ),
    (2000, 2500, HOUR),
    types=(FT | PERM, FT | TEMP),
)
EDUCATOR = Job(
    "Éducateur ou éducatrice à la petite enfance",
    "42202",
    "Vous mettrez en place le programme éducatif Accueillir la petite enfance auprès d'un "
    "groupe d'enfants de 18 mois à 5 ans.",
    (
        "Planifier et animer des activités adaptées",
        "Observer le développement des enfants",
        "Communiquer avec les parents",
        "Veiller à la sécurité et au bien-être du groupe",
    ),
    (
        "DEC ou AEC en éducation à l'enfance",
        "Cours de secourisme adapté à la petite enfance",
        "Attestation d'absence d'empêchement",
    ),
    (2050, 3000, HOUR),
    types=(FT | PERM, PT | PERM, FT | TEMP),
    english=(
        "Early childhood educator",
        "You will carry out our educational program with a group of children aged 18 months "
        "to 5 years.",
    ),
)
DAYCARE_COOK = Job(
    "Responsable de l'alimentation",
    "63200",
    "Vous préparerez les dîners et les collations de 80 enfants en respectant le Guide "
    "alimentaire canadien et les allergies.",
    (
        "Planifier les menus saisonniers",
        "Préparer les repas et les collations",
        "Gérer les commandes et l'inventaire",
        "Appliquer les règles d'hygiène et de gestion des allergies",
    ),
    (
        "DEP en cuisine ou expérience en cuisine collective",
        "Attestation en hygiène et salubrité alimentaires",
    ),
    (2000, 2400, HOUR),
)
ADMIN_ASSISTANT = Job(
    "Adjoint administratif ou adjointe administrative",
    "13110",
    "Vous soutiendrez la direction dans la gestion administrative : agenda, correspondance, "
    "facturation et suivi des dossiers.",
    (
        "Gérer l'agenda et les rendez-vous de la direction",
        "Rédiger et réviser la correspondance",
        "Faire la facturation et le suivi des comptes clients",
        "Préparer les réunions et rédiger les comptes rendus",
    ),
    (
        "DEP ou AEC en secrétariat",
        "Maîtrise de la suite Office",
        "Excellent français écrit",
    ),
    (2100, 2700, HOUR),
    types=(FT | PERM, PT | PERM),
    remote=True,
    english=(
        "Administrative assistant",
        "You will support management with scheduling, correspondence, invoicing and file "
        "follow-up.",
    ),
)
DAIRY_WORKER = Job(
    "Ouvrier ou ouvrière agricole en production laitière",
    "85100",
    "Vous participerez aux soins du troupeau laitier de 120 vaches : traite, alimentation et "
    "entretien de l'étable.",
    (
        "Faire la traite matin et soir",
        "Nourrir les animaux et soigner les veaux",
        "Nettoyer les étables",
        "Surveiller la santé du troupeau",
    ),
    (
        "Expérience en production laitière, un atout",
        "Aimer les animaux",
        "Disponibilité une fin de semaine sur deux",
    ),
    (1800, 2300, HOUR),
    schedules=(DAY | WKND, ROT),
)
GREENHOUSE = Job(
    "Ouvrier ou ouvrière de serre",
    "85103",
    "Vous participerez à la culture de nos tomates et de nos concombres de serre, de la "
    "plantation à la récolte.",
    (
        "Planter, tuteurer et tailler les plants",
        "Récolter et trier les légumes",
        "Emballer les produits pour l'expédition",
    ),
    (
        "Aucune expérience requise",
        "Tolérance à la chaleur",
    ),
    (1600, 1850, HOUR),
    types=(FT | SEAS, FT | PERM),
)
PICKER = Job(
    "Cueilleur ou cueilleuse de fruits et légumes",
    "85101",
    "Vous récolterez les fraises, le maïs sucré et les légumes de nos champs pendant la saison.",
    (
        "Cueillir les fruits et les légumes",
        "Trier et emballer la récolte",
        "Charger les caisses",
    ),
    (
        "Aucune expérience requise",
        "Aimer travailler dehors",
        "Transport possible depuis Sorel-Tracy",
    ),
    (1575, 1700, HOUR),
    types=(FT | SEAS, PT | SEAS),
    schedules=(DAY, DAY | WKND),
)
FARM_OPERATOR = Job(
    "Opérateur ou opératrice de machinerie agricole",
    "84120",
    "Vous ferez les travaux aux champs : préparation du sol, semis, épandage et récoltes.",
    (
        "Conduire les tracteurs et la moissonneuse-batteuse",
        "Faire l'entretien de base de la machinerie",
        "Transporter les récoltes",
    ),
    (
        "Expérience en conduite de machinerie agricole",
        "Permis de conduire classe 5",
    ),
    (2000, 2500, HOUR),
    types=(FT | SEAS, FT | PERM),
    schedules=(DAY, DAY | WKND),
)
FARM_SUPERVISOR = Job(
    "Contremaître ou contremaîtresse agricole",
    "82030",
    "Vous organiserez le travail des équipes aux champs et veillerez à la qualité des récoltes.",
    (
        "Planifier le travail des équipes",
        "Former les travailleurs saisonniers",
        "Contrôler la qualité des récoltes",
    ),
    (
        "Trois ans d'expérience en production maraîchère",
        "Leadership",
        "Espagnol, un atout",
    ),
    (2400, 2900, HOUR),
)
BOOKKEEPER = Job(
    "Technicien ou technicienne en comptabilité",
    "12200",
    "Vous prendrez en charge le cycle comptable complet de plusieurs PME clientes, jusqu'aux "
    "états financiers.",
    (
        "Faire la tenue de livres et les conciliations bancaires",
        "Préparer les remises de TPS, de TVQ et de retenues à la source",
        "Traiter la paie",
        "Préparer les dossiers de fin d'année",
    ),
    (
        "DEC en comptabilité et gestion",
        "Maîtrise d'Acomba ou de Sage 50",
        "Deux ans d'expérience",
    ),
    (4400000, 5600000, YEAR),
    types=(FT | PERM, PT | PERM),
    remote=True,
)
ACCOUNTANT = Job(
    "Comptable professionnel agréé ou comptable professionnelle agréée (CPA)",
    "11100",
    "Vous réaliserez des mandats de mission d'examen et de fiscalité pour une clientèle de PME "
    "et d'entreprises agricoles.",
    (
        "Préparer les états financiers et les déclarations fiscales",
        "Réaliser les missions d'examen",
        "Conseiller les clients en fiscalité",
    ),
    (
        "Titre de CPA",
        "Trois ans d'expérience en cabinet",
    ),
    (6500000, 8500000, YEAR),
    remote=True,
    english=(
        "Chartered professional accountant (CPA)",
        "You will carry out review engagements and tax work for small businesses and farms.",
    ),
)
CUSTOMER_SERVICE = Job(
    "Agent ou agente du service à la clientèle",
    "64409",
    "Vous répondrez aux appels et aux courriels des clients : commandes, suivi des livraisons "
    "et résolution de problèmes.",
    (
        "Répondre aux appels et aux courriels",
        "Saisir les commandes",
        "Suivre les livraisons et régler les litiges",
        "Documenter les interactions dans le CRM",
    ),
    (
        "Expérience en service à la clientèle",
        "Aisance avec l'informatique",
        "Écoute et patience",
    ),
    (1900, 2300, HOUR),
    types=(FT | PERM, PT | PERM),
    schedules=(DAY, EVE),
    remote=True,
    language="Environ 40 % de notre clientèle est en Ontario et dans les Maritimes; ces clients "
    "doivent être servis en anglais au téléphone et par écrit.",
)
RETAIL_ADVISOR = Job(
    "Conseiller ou conseillère à la vente en quincaillerie",
    "64100",
    "Vous conseillerez les clients dans leurs projets de rénovation et les aiderez à trouver les "
    "bons produits.",
    (
        "Conseiller les clients en magasin",
        "Préparer les soumissions de matériaux",
        "Garnir les tablettes et faire les inventaires",
    ),
    (
        "Intérêt pour la rénovation et la construction",
        "Expérience en vente, un atout",
    ),
    (1700, 2100, HOUR),
    types=(FT | PERM, PT | PERM),
    schedules=(DAY | WKND, EVE | WKND),
)
YARD_CLERK = Job(
    "Commis de cour à bois",
    "75101",
    "Vous préparerez les commandes de bois et de matériaux et aiderez les clients à charger "
    "leurs véhicules.",
    (
        "Préparer les commandes de matériaux",
        "Conduire le chariot élévateur",
        "Recevoir la marchandise",
    ),
    (
        "Carte de cariste, un atout",
        "Bonne forme physique",
    ),
    (1800, 2100, HOUR),
    types=(FT | PERM, FT | SEAS),
)
CHAMBERMAID = Job(
    "Préposé ou préposée aux chambres",
    "65310",
    "Vous préparerez les chambres de notre hôtel pour offrir un séjour impeccable à nos clients.",
    (
        "Nettoyer les chambres et les salles de bain",
        "Changer la literie et les serviettes",
        "Réapprovisionner les produits d'accueil",
    ),
    (
        "Aucune expérience requise",
        "Minutie",
    ),
    (1650, 1850, HOUR),
    types=(PT | SEAS, FT | SEAS, PT | PERM),
    schedules=(DAY | WKND,),
)
HOTEL_DESK = Job(
    "Réceptionniste d'hôtel",
    "64314",
    "Vous accueillerez nos clients à leur arrivée, gérerez les réservations et ferez connaître "
    "les attraits de la région.",
    (
        "Faire l'enregistrement et le départ des clients",
        "Gérer les réservations en ligne et au téléphone",
        "Renseigner les clients sur la région",
        "Faire la fermeture de caisse",
    ),
    (
        "Expérience en service à la clientèle",
        "Disponibilité de soir et de fin de semaine",
    ),
    (1750, 2050, HOUR),
    types=(PT | PERM, FT | SEAS),
    schedules=(EVE | WKND, DAY | WKND, NIGHT),
    language="Une bonne partie de notre clientèle estivale vient de l'Ontario et des États-Unis "
    "pour la croisière et le nautisme; l'accueil doit pouvoir se faire en anglais.",
)
FOOD_OPERATOR = Job(
    "Opérateur ou opératrice de production alimentaire",
    "94140",
    "Vous conduirez les lignes de cuisson et d'emballage de notre usine de mets préparés.",
    (
        "Démarrer et ajuster les équipements",
        "Surveiller la qualité des produits",
        "Remplir les registres HACCP",
        "Nettoyer et assainir les équipements",
    ),
    (
        "Expérience en usine, un atout",
        "Rigueur en salubrité",
    ),
    (2000, 2500, HOUR),
    schedules=(DAY, EVE, NIGHT),
)
FOOD_LABOURER = Job(
    "Manoeuvre à la transformation des aliments",
    "95106",
    "Vous travaillerez sur nos lignes de production : emballage, étiquetage et palettisation "
    "des produits.",
    (
        "Alimenter les lignes d'emballage",
        "Étiqueter et palettiser les produits",
        "Nettoyer les aires de production",
    ),
    (
        "Aucune expérience requise",
        "Tolérance au froid (salles à 4 °C)",
    ),
    (1750, 2000, HOUR),
    types=(FT | PERM, FT | TEMP),
    schedules=(DAY, EVE, NIGHT),
)
PRODUCTION_SUPERVISOR = Job(
    "Superviseur ou superviseure de production",
    "92012",
    "Vous dirigerez une équipe de 25 personnes sur le quart de soir et veillerez à l'atteinte "
    "des objectifs de production, de qualité et de sécurité.",
    (
        "Planifier le travail et affecter le personnel",
        "Suivre les indicateurs de production",
        "Appliquer les programmes de salubrité et de SST",
        "Former et encadrer les employés",
    ),
    (
        "DEC en transformation des aliments ou expérience équivalente",
        "Deux ans d'expérience en supervision",
    ),
    (5500000, 6800000, YEAR),
    schedules=(EVE,),
)
MIXER_DRIVER = Job(
    "Chauffeur ou chauffeuse de bétonnière",
    "73300",
    "Vous livrerez le béton sur les chantiers de la Montérégie et participerez à la mise en "
    "place avec l'équipe du client.",
    (
        "Charger la bétonnière à la centrale",
        "Livrer le béton sur les chantiers",
        "Laver et entretenir le camion",
    ),
    (
        "Permis de conduire classe 3",
        "Expérience en conduite de camion lourd",
    ),
    (2600, 3100, HOUR),
    types=(FT | SEAS, FT | PERM),
)
CONCRETE_OPERATOR = Job(
    "Opérateur ou opératrice de machines de produits de béton",
    "94103",
    "Vous fabriquerez des blocs, des dalles et des bordures de béton sur notre ligne de "
    "production automatisée.",
    (
        "Alimenter et régler la machine à blocs",
        "Vérifier la qualité des produits",
        "Faire l'entretien de premier niveau",
    ),
    (
        "Expérience en usine",
        "Bonne forme physique",
    ),
    (2200, 2700, HOUR),
    types=(FT | SEAS, FT | PERM),
    schedules=(DAY, EVE),
)
CLEANER = Job(
    "Préposé ou préposée à l'entretien ménager commercial",
    "65310",
    "Vous entretiendrez des bureaux et des commerces de Sorel-Tracy en soirée, après la fermeture.",
    (
        "Nettoyer les bureaux, les salles de bain et les cuisinettes",
        "Vider les poubelles et le recyclage",
        "Laver les planchers à l'autolaveuse",
    ),
    (
        "Aucune expérience requise",
        "Vérification des antécédents judiciaires exigée par nos clients",
    ),
    (1700, 1950, HOUR),
    types=(PT | PERM, FT | PERM),
    schedules=(EVE,),
)
JANITOR = Job(
    "Concierge",
    "65312",
    "Vous prendrez soin d'un immeuble commercial : entretien ménager, petites réparations et "
    "déneigement des entrées.",
    (
        "Faire l'entretien ménager des aires communes",
        "Effectuer les petites réparations",
        "Déneiger les entrées et les escaliers",
    ),
    (
        "Débrouillardise",
        "Habiletés manuelles",
    ),
    (1850, 2150, HOUR),
)
CLEANING_LEAD = Job(
    "Chef d'équipe en entretien ménager",
    "62024",
    "Vous coordonnerez une équipe de six préposés et veillerez à la qualité du travail chez nos "
    "clients.",
    (
        "Répartir les tâches et faire les inspections",
        "Former les nouveaux employés",
        "Gérer l'inventaire des produits",
    ),
    (
        "Expérience en entretien ménager",
        "Leadership",
        "Permis de conduire",
    ),
    (2000, 2400, HOUR),
    schedules=(EVE,),
)

METAL_INTROS = (
    "{name} conçoit et fabrique des pièces et des structures d'acier pour les secteurs "
    "industriel et maritime depuis plus de {years} ans.",
    "Entreprise familiale établie à {town}, {name} compte une soixantaine d'employés et "
    "fabrique des équipements sur mesure pour l'industrie lourde.",
    "Sous-traitant reconnu des grandes usines de la région, {name} poursuit sa croissance et "
    "agrandit son atelier de {town}.",
)
NAVAL_INTROS = (
    "{name} réalise l'entretien et la réparation de navires et de barges au port de Sorel-Tracy "
    "et le long du Saint-Laurent.",
    "Depuis {years} ans, {name} est le partenaire des armateurs et du chantier naval pour les "
    "travaux de métal, de tuyauterie et de peinture.",
)
GROCERY_INTROS = (
    "{name} est une épicerie de quartier indépendante de {town} où la fraîcheur et le service "
    "passent avant tout.",
    "Commerce familial depuis {years} ans, {name} met en valeur les produits des fermes de la "
    "région.",
)
HEALTH_INTROS = (
    "{name} offre des soins et un milieu de vie chaleureux à des personnes aînées de {town} et "
    "des environs.",
    "Au coeur de {town}, {name} place la bientraitance et le travail d'équipe au centre de ses "
    "valeurs.",
)
RESTAURANT_INTROS = (
    "{name} est une adresse appréciée de {town} pour sa cuisine réconfortante et son ambiance "
    "conviviale.",
    "Depuis {years} ans, {name} accueille familles, travailleurs et plaisanciers de passage.",
)
GARAGE_INTROS = (
    "{name} est un garage familial de {town} qui entretient les véhicules de la région depuis "
    "{years} ans.",
    "Atelier moderne et bien équipé, {name} mise sur la confiance de sa clientèle et la "
    "formation continue de ses techniciens.",
)
TRANSPORT_INTROS = (
    "{name} transporte de l'acier, des matériaux et des marchandises générales partout au "
    "Québec et dans le nord-est de l'Amérique.",
    "Entreprise de transport et d'entreposage établie à {town}, {name} exploite une flotte de "
    "camions récents.",
)
MUNICIPAL_INTROS = (
    "{name} offre des services de proximité aux citoyens de {town} et des municipalités voisines.",
    "Organisme municipal de {town}, {name} entretient les infrastructures et anime la vie de "
    "la communauté.",
)
DAYCARE_INTROS = (
    "{name} accueille 80 enfants de 0 à 5 ans dans un milieu stimulant et bienveillant à {town}.",
    "Centre de la petite enfance établi depuis {years} ans, {name} mise sur le jeu actif et "
    "le plein air.",
)
FARM_INTROS = (
    "{name} est une entreprise agricole familiale de {town}, exploitée par la même famille "
    "depuis {years} ans.",
    "Sur les terres fertiles du Bas-Richelieu, {name} produit des fruits et des légumes vendus "
    "dans les marchés du Québec.",
)
OFFICE_INTROS = (
    "{name} sert une clientèle de PME, d'entreprises agricoles et de particuliers de la région "
    "depuis {years} ans.",
    "Établie à {town}, {name} offre un milieu de travail humain et des horaires flexibles.",
)
RETAIL_INTROS = (
    "{name} est la quincaillerie de référence des bricoleurs et des entrepreneurs de {town} "
    "depuis {years} ans.",
)
HOTEL_INTROS = (
    "Au bord du fleuve, {name} accueille touristes, plaisanciers et gens d'affaires toute l'année.",
)
FOOD_INTROS = (
    "{name} fabrique des mets préparés et des produits de viande distribués dans les épiceries "
    "du Québec.",
)
CONCRETE_INTROS = (
    "{name} produit du béton prêt à l'emploi et des produits de béton pour les chantiers de "
    "la Montérégie.",
)
CLEANING_INTROS = (
    "{name} entretient les bureaux, les commerces et les immeubles de la région de "
    "Sorel-Tracy depuis {years} ans.",
)

SECTORS: dict[str, tuple[tuple[str, ...], tuple[Job, ...]]] = {
    "metal": (
        METAL_INTROS,
        (
            WELDER,
            WELDER,
            MACHINIST,
            PRESS_OPERATOR,
            PRODUCTION_LABOURER,
            DRAFTER,
            MILLWRIGHT,
            INDUSTRIAL_PAINTER,
        ),
    ),
    "naval": (
        NAVAL_INTROS,
        (
            WELDER,
            IRONWORKER,
            PIPEFITTER,
            BOILERMAKER,
            SANDBLASTER,
            INDUSTRIAL_ELECTRICIAN,
            TRADES_HELPER,
        ),
    ),
    "grocery": (
        GROCERY_INTROS,
        (GROCERY_CLERK, GROCERY_CLERK, CASHIER, BUTCHER, BAKER, PRODUCE_MANAGER, DELIVERY_DRIVER),
    ),
    "health": (
        HEALTH_INTROS,
        (ORDERLY, ORDERLY, LPN, NURSE, HOUSEKEEPER, COOK, RECEPTIONIST),
    ),
    "homecare": (HEALTH_INTROS, (HOME_SUPPORT, HOME_SUPPORT, ORDERLY, ADMIN_ASSISTANT)),
    "pharmacy": (GROCERY_INTROS, (PHARMACY_ASSISTANT, CASHIER, RECEPTIONIST)),
    "restaurant": (
        RESTAURANT_INTROS,
        (LINE_COOK, KITCHEN_HELPER, SERVER, SERVER, RESTAURANT_MANAGER, HOST, PIZZA_DRIVER),
    ),
    "garage": (GARAGE_INTROS, (MECHANIC, MECHANIC, TIRE_TECH, BODY_TECH, PARTS_CLERK)),
    "transport": (
        TRANSPORT_INTROS,
        (TRUCK_DRIVER, TRUCK_DRIVER, LOCAL_DRIVER, DISPATCHER, FORKLIFT, SHIPPER, HEAVY_MECHANIC),
    ),
    "municipal": (
        MUNICIPAL_INTROS,
        (PUBLIC_WORKS, WATER_OPERATOR, DAY_CAMP, LIFEGUARD, GROUNDS, SNOW_OPERATOR, OFFICE_CLERK),
    ),
    "daycare": (DAYCARE_INTROS, (EDUCATOR, EDUCATOR, DAYCARE_COOK, ADMIN_ASSISTANT)),
    "farm": (
        FARM_INTROS,
        (DAIRY_WORKER, GREENHOUSE, PICKER, PICKER, FARM_OPERATOR, FARM_SUPERVISOR),
    ),
    "office": (
        OFFICE_INTROS,
        (BOOKKEEPER, ACCOUNTANT, ADMIN_ASSISTANT, CUSTOMER_SERVICE, CUSTOMER_SERVICE, RECEPTIONIST),
    ),
    "retail": (
        RETAIL_INTROS,
        (RETAIL_ADVISOR, RETAIL_ADVISOR, YARD_CLERK, CASHIER, DELIVERY_DRIVER),
    ),
    "hotel": (HOTEL_INTROS, (CHAMBERMAID, HOTEL_DESK, SERVER, LINE_COOK, KITCHEN_HELPER)),
    "food": (
        FOOD_INTROS,
        (FOOD_OPERATOR, FOOD_LABOURER, FOOD_LABOURER, PRODUCTION_SUPERVISOR, FORKLIFT, SHIPPER),
    ),
    "concrete": (
        CONCRETE_INTROS,
        (MIXER_DRIVER, CONCRETE_OPERATOR, HEAVY_MECHANIC, PRODUCTION_LABOURER),
    ),
    "cleaning": (CLEANING_INTROS, (CLEANER, CLEANER, JANITOR, CLEANING_LEAD)),
}

# --- employers -------------------------------------------------------------------------------

SECTOR_LABELS = {
    "metal": "Fabrication métallique",
    "naval": "Réparation navale",
    "grocery": "Commerce de détail alimentaire",
    "health": "Hébergement et soins de longue durée",
    "homecare": "Soutien à domicile",
    "pharmacy": "Pharmacie",
    "restaurant": "Restauration",
    "garage": "Entretien et réparation automobile",
    "transport": "Transport et entreposage",
    "municipal": "Services municipaux",
    "daycare": "Services de garde éducatifs",
    "farm": "Agriculture",
    "office": "Services professionnels",
    "retail": "Commerce de détail",
    "hotel": "Hébergement touristique",
    "food": "Transformation alimentaire",
    "concrete": "Produits de béton",
    "cleaning": "Entretien ménager commercial",
}

SOREL_TRACY = "53052"
TOWNS = {
    "53052": "Sorel-Tracy",
    "53050": "Saint-Joseph-de-Sorel",
    "53065": "Sainte-Anne-de-Sorel",
    "53025": "Sainte-Victoire-de-Sorel",
    "53032": "Saint-Ours",
    "53072": "Yamaska",
    "53005": "Saint-David",
    "53020": "Saint-Robert",
    "53010": "Massueville",
    "53040": "Saint-Roch-de-Richelieu",
    "53015": "Saint-Aimé",
    "53085": "Saint-Gérard-Majella",
    "59035": "Contrecoeur",
    "59020": "Varennes",
    "52035": "Berthierville",
    "52017": "Lanoraie",
    "50113": "Pierreville",
}


# name, sector, municipality code, email and web domain, address, NEQ, has a website, contacts,
# number of employees
# fmt: off
_EMPLOYER_ROWS = (
    ("Acier Richelieu inc.", "metal", "53052", "acier-richelieu.demo",
     "2250, boulevard Poliquin", "8811204567", True,
     (("Nathalie Péloquin", "rh"), ("Sylvain Cournoyer", "production")), "100+"),
    ("Fabrication Métallique Saurel ltée", "metal", "53052", "fms-saurel.demo",
     "1450, rue Sainte-Anne", "8811309874", True, (("Karine Lemay", "emplois"),), "20-99"),
    ("Usinage Précision Tracy inc.", "metal", "53052", "usinage-tracy.demo",
     "3105, boulevard de Tracy", "8812450031", True,
     (("Éric Bibeau", "eric.bibeau"), ("Lucie Salvas", "admin")), "20-99"),
    ("Les Structures Yamaska inc.", "metal", "53072", "structures-yamaska.demo",
     "88, rang de l'Île", "8813377120", False, (("Patrick Descheneaux", "patrick"),), "5-19"),
    ("Soudure Mobile Saint-Ours", "metal", "53032", "soudure-st-ours.demo",
     "214, rue Immaculée-Conception", None, False, (("Mario Allard", "mario"),), "1-4"),
    ("Entretien Naval du Fleuve inc.", "naval", "53052", "naval-fleuve.demo",
     "5, rue du Quai", "8814023318", True,
     (("Isabelle Mandeville", "recrutement"), ("Denis Latraverse", "chantier")), "100+"),
    ("Services Maritimes Saint-Joseph inc.", "naval", "53050", "maritimes-stjoseph.demo",
     "700, rue Montcalm", "8814550967", True, (("Hugo Paulhus", "rh"),), "20-99"),
    ("Peinture Industrielle Bas-Richelieu", "naval", "53065", "pib-richelieu.demo",
     "1830, chemin du Chenal-du-Moine", None, False, (("Chantal Bardier", "chantal"),), "5-19"),
    ("Épicerie du Carré Royal", "grocery", "53052", "epicerie-carre-royal.demo",
     "65, rue du Roi", "8815012234", True,
     (("Josée Cardin", "gerance"), ("Marc Gouin", "boucherie")), "20-99"),
    ("Boucherie Gervais et fils", "grocery", "53052", "boucherie-gervais.demo",
     "412, boulevard Fiset", None, False, (("Alain Gervais", "alain"),), "5-19"),
    ("Alimentation Saint-Ours inc.", "grocery", "53032", "alim-st-ours.demo",
     "2600, rue Immaculée-Conception", "8815334409", False,
     (("Mélanie Hébert", "direction"),), "20-99"),
    ("Boulangerie La Mie du Richelieu", "grocery", "53052", "mie-richelieu.demo",
     "29, rue Augusta", None, True, (("Sophie Lachapelle", "bonjour"),), "5-19"),
    ("Résidence Les Jardins de Tracy", "health", "53052", "jardins-tracy.demo",
     "4000, boulevard Gagné", "8816120045", True,
     (("Annie Champagne", "rh"), ("Julie Mondou", "soins")), "100+"),
    ("Résidence Le Havre de Saint-David", "health", "53005", "havre-st-david.demo",
     "12, rue Principale", "8816200781", False, (("Lise Parenteau", "direction"),), "20-99"),
    ("Coopérative de soutien à domicile Pierre-De Saurel", "homecare", "53052",
     "coop-domicile-saurel.demo",
     "150, rue George", "8816401123", True,
     (("Nancy Duhamel", "emplois"), ("Stéphane Gamelin", "coordination")), "20-99"),
    ("Pharmacie Desrosiers et Lambert", "pharmacy", "53052", "pharmacie-dl.demo",
     "90, boulevard Fiset", "8816512290", False, (("Catherine Desrosiers", "labo"),), "5-19"),
    ("Restaurant Le Quai 23", "restaurant", "53052", "lequai23.demo",
     "23, rue du Quai", "8817030456", True,
     (("Maxime Tellier", "maxime"), ("Émilie Girard", "emplois")), "20-99"),
    ("Casse-croûte Chez Ginette", "restaurant", "53025", "chezginette.demo",
     "505, montée Sainte-Victoire", None, False, (("Ginette Ally", "ginette"),), "5-19"),
    ("Brasserie des Îles", "restaurant", "53065", "brasserie-iles.demo",
     "3200, chemin du Chenal-du-Moine", "8817215566", True,
     (("Jonathan Cotnoir", "info"),), "20-99"),
    ("Pizzeria Napoli Tracy", "restaurant", "53052", "napoli-tracy.demo",
     "1980, chemin Saint-Roch", None, False, (("Tony Morelli", "tony"),), "5-19"),
    ("Garage Lavallée et fils", "garage", "53020", "garage-lavallee.demo",
     "1250, chemin Saint-Robert", "8818003317", False,
     (("Richard Lavallée", "richard"), ("Manon Lavallée", "admin")), "5-19"),
    ("Centre du Pneu Sorel", "garage", "53052", "pneu-sorel.demo",
     "2700, boulevard Poliquin", "8818120094", True, (("Kevin Arpin", "service"),), "5-19"),
    ("Carrosserie Pro-Tracy", "garage", "53052", "carrosserie-protracy.demo",
     "640, avenue de l'Hôtel-Dieu", None, False, (("Daniel Joyal", "daniel"),), "1-4"),
    ("Transport Bellerose inc.", "transport", "53050", "transport-bellerose.demo",
     "300, rue Décoste", "8819045508", True,
     (("Caroline Bellerose", "rh"), ("Pierre Ethier", "repartition")), "100+"),
    ("Camionnage Massueville", "transport", "53010", "camionnage-massueville.demo",
     "1010, rue Bonsecours", "8819122671", False, (("Guy Robidoux", "guy"),), "5-19"),
    ("Entrepôts Contrecoeur Logistique", "transport", "59035", "ecl-logistique.demo",
     "4500, route Marie-Victorin", "8819300482", True,
     (("Valérie St-Germain", "talents"), ("Luc Ménard", "entrepot")), "20-99"),
    ("Régie intermunicipale des services du Bas-Richelieu", "municipal", "53052",
     "regie-bas-richelieu.demo",
     "71, rue Charlotte", None, True, (("Francine Beauchemin", "ressources.humaines"),), "20-99"),
    ("Service des loisirs de Saint-Roch-de-Richelieu", "municipal", "53040", "loisirs-st-roch.demo",
     "1111, rue du Parc", None, False, (("Audrey Cormier", "loisirs"),), "5-19"),
    ("Régie d'aqueduc Richelieu-Yamaska", "municipal", "53072", "aqueduc-ry.demo",
     "40, chemin de la Station", None, True, (("Bernard Niquette", "direction"),), "5-19"),
    ("CPE Les Petits Matelots", "daycare", "53052", "petits-matelots.demo",
     "325, rue Prince", "8820110723", True,
     (("Marie-Ève Plante", "direction"), ("Audrey Benoit", "administration")), "20-99"),
    ("CPE Les Hirondelles du Richelieu", "daycare", "53040", "hirondelles.demo",
     "95, rue Saint-Pierre", "8820245519", False, (("Isabelle Dauphinais", "cpe"),), "20-99"),
    ("Ferme Beauchemin et fils", "farm", "53025", "ferme-beauchemin.demo",
     "2120, rang de la Basse-Double", "8821007634", False, (("Yves Beauchemin", "ferme"),), "5-19"),
    ("Serres Yamaska", "farm", "53072", "serres-yamaska.demo",
     "150, route 132", "8821130049", True,
     (("Geneviève Proulx", "emplois"), ("Paul Proulx", "paul")), "20-99"),
    ("Jardins maraîchers Saint-Aimé", "farm", "53015", "maraichers-st-aime.demo",
     "750, rang Bord-de-l'Eau", None, True, (("Julien Théroux", "recolte"),), "5-19"),
    ("Cabinet Paquette Dion CPA", "office", "53052", "paquette-dion.demo",
     "101, rue du Prince", "8822003345", True, (("Sandra Dion", "sdion"),), "5-19"),
    ("Richelieu Contact, service à la clientèle", "office", "53052", "richelieu-contact.demo",
     "26, place Charles-De Montmagny", "8822110976", True,
     (("Olivier Bourgeois", "recrutement"), ("Karine Paul", "operations")), "100+"),
    ("Quincaillerie Tracy-Matériaux", "retail", "53052", "tracy-materiaux.demo",
     "3500, boulevard de Tracy", "8823009931", True, (("François Millette", "gerant"),), "20-99"),
    ("Hôtel Le Relais du Fleuve", "hotel", "53052", "relais-fleuve.demo",
     "175, chemin des Patriotes", "8823140082", True,
     (("Nadia Lussier", "hebergement"), ("Benoît Labelle", "cuisine")), "20-99"),
    ("Mets préparés Berthier inc.", "food", "52035", "mets-berthier.demo",
     "851, rue Gadoury", "8824005128", True, (("Roxanne Gervais", "rh"),), "100+"),
    ("Béton Varennes-Richelieu", "concrete", "59020", "beton-vr.demo",
     "2400, chemin de la Baronnie", "8824130597", True,
     (("Sébastien Blais", "operations"),), "20-99"),
    ("Entretien Impeccable Saurel", "cleaning", "53052", "impeccable-saurel.demo",
     "58, rue Élizabeth", None, False,
     (("Linda Cusson", "linda"), ("Jean Mathieu", "jean")), "20-99"),
)
# fmt: on
# Phones are in the fictional 555-01xx range.
EMPLOYERS: tuple[DemoEmployer, ...] = tuple(
    DemoEmployer(*row, phone=f"450 555-{110 + i:04d}") for i, row in enumerate(_EMPLOYER_ROWS)
)

# --- generator ---------------------------------------------------------------------------------

BENEFITS = (
    "assurances collectives après la probation",
    "REER collectif avec contribution de l'employeur",
    "formation payée",
    "stationnement gratuit",
    "vêtements de travail fournis",
    "ambiance familiale et équipe soudée",
    "possibilités d'avancement",
    "programme d'aide aux employés",
    "horaire stable",
    "conciliation travail-famille",
    "congés mobiles",
    "repas à prix réduit",
)
INCLUSION = (
    "Nous accueillons les candidatures des personnes de 50 ans et plus et de celles qui "
    "effectuent un retour sur le marché du travail.",
    "Les personnes immigrantes sont les bienvenues : nous offrons l'accompagnement pour "
    "l'intégration en emploi.",
    "Aucune expérience? Nous offrons la formation en entreprise avec un parrain.",
    "Un antécédent judiciaire sans lien avec l'emploi n'est pas un obstacle.",
    "Nous pouvons adapter le poste et l'horaire pour les personnes ayant des limitations.",
)
INSTRUCTIONS = (
    "Mentionnez le titre du poste dans l'objet de votre courriel.",
    "Aucune lettre de présentation n'est exigée; un CV suffit.",
    "Les entrevues ont lieu le mardi et le jeudi.",
    "Vous pouvez aussi passer déposer votre CV sur place en semaine.",
)
REJECTION_REASONS = (
    "Il s'agit de vente à commission sans salaire de base; ce type d'offre n'est pas publié.",
    "L'offre exige l'anglais sans justification liée aux tâches. Ajoutez une justification ou "
    "retirez l'exigence, puis soumettez-la de nouveau.",
    "L'offre est en double avec une offre déjà publiée pour le même poste.",
    "Le poste est situé hors de notre territoire de service.",
    "La description est trop sommaire : précisez les tâches, l'horaire et le salaire.",
)
ENGLISH_CLOSING = "Apply by email with your résumé; training is provided."
# Employers that are not in EMPLOYERS (made elsewhere) get generic metal-shop offers.
_FALLBACK = DemoEmployer(
    "",
    "metal",
    SOREL_TRACY,
    "entreprise.demo",
    "1, rue du Roi",
    None,
    False,
    (),
    "5-19",
    "450 555-0199",
)


# --- matching facts of the offers --------------------------------------------------------------

# Share of offers reachable by transport collectif, by municipality (Sorel-Tracy has the city
# buses and the taxibus; the neighbouring towns some routes; the countryside next to none).
TRANSIT_SHARE = {"53052": 0.85, "53050": 0.6, "53065": 0.5, "59035": 0.4, "59020": 0.4}
# (share of offers stating a French level, lowest level, highest level) by sector.
FRENCH_LEVELS = {
    "office": (0.7, 7, 9), "daycare": (0.7, 7, 9), "health": (0.6, 6, 8),
    "homecare": (0.6, 6, 8), "pharmacy": (0.6, 6, 8), "hotel": (0.5, 5, 7),
    "retail": (0.5, 5, 7), "grocery": (0.4, 4, 6), "restaurant": (0.4, 4, 6),
}  # fmt: skip
FRENCH_LEVEL_DEFAULT = (0.2, 4, 5)
# Weights of (open, to discuss, closed, not said) to candidates with a criminal record.
RECORD_WEIGHTS = {
    "vulnerable": (0, 10, 50, 40),  # care, daycare, pharmacy: checks are the rule
    "plant": (40, 30, 5, 25),  # plants, yards, trucks, farms, cleaning crews
    "other": (15, 30, 10, 45),
}
RECORD_GROUPS = {
    "health": "vulnerable", "homecare": "vulnerable", "daycare": "vulnerable",
    "pharmacy": "vulnerable", "metal": "plant", "naval": "plant", "food": "plant",
    "concrete": "plant", "transport": "plant", "farm": "plant", "cleaning": "plant",
}  # fmt: skip
RECORD_CHOICES = (RecordOpenness.YES, RecordOpenness.DISCUSS, RecordOpenness.NO, None)


def _matching_facts(offer: Offer, sector: str, index: int) -> None:
    """Fill the offer's matching facts from its own content, with a generator of its own (the
    main one, and so every other offer, stays as it was): deterministic for a given seed."""
    rng = random.Random(f"{index}|{offer.title}|{offer.employer.name}|{offer.expires_on}")
    share, low, high = FRENCH_LEVELS.get(sector, FRENCH_LEVEL_DEFAULT)
    offer.french_level_required = rng.randint(low, high) if rng.random() < share else None
    weights = RECORD_WEIGHTS[RECORD_GROUPS.get(sector, "other")]
    offer.criminal_record_openness = rng.choices(RECORD_CHOICES, weights=weights)[0]
    offer.wage_subsidy_welcome = rng.random() < 0.35
    transit = TRANSIT_SHARE.get(offer.municipality_code or "", 0.1)
    offer.transit_accessible = not offer.remote and rng.random() < transit


def _title(job: Job, types: int, schedules: int, rng: random.Random) -> str:
    suffix = ""
    if types & SEAS and rng.random() < 0.5:
        suffix = " – saisonnier"
    elif schedules & NIGHT and rng.random() < 0.6:
        suffix = " – quart de nuit"
    elif schedules == EVE and rng.random() < 0.6:
        suffix = " – quart de soir"
    elif types & PT and not types & FT and rng.random() < 0.5:
        suffix = " (temps partiel)"
    elif types & TEMP and rng.random() < 0.5:
        suffix = " – remplacement"
    return job.title + suffix


def _pick(items: Sequence[str], rng: random.Random, low: int, high: int) -> list[str]:
    """A few items, kept in their original order."""
    count = min(len(items), rng.randint(low, high))
    return [items[i] for i in sorted(rng.sample(range(len(items)), count))]


def _salary(job: Job, rng: random.Random) -> tuple[int | None, int | None, SalaryUnit | None]:
    low, high, unit = job.pay
    step = 100_000 if unit == YEAR else 25
    spread = max(step, (high - low) // 4)
    start = low + rng.randrange(0, spread, step)
    end = start + (high - low) + rng.randrange(-spread // 2, spread // 2 + step, step)
    end = max(end, start)
    roll = rng.random()
    if roll < 0.07:
        return None, None, None
    if roll < 0.15:
        return start, None, unit
    return start, end, unit


def _status_sequence(
    count: int, weights: Mapping[OfferStatus, float], rng: random.Random
) -> list[OfferStatus]:
    """Exactly `count` statuses in the given proportions (each one at least once), shuffled."""
    total = sum(weights.values())
    wanted = {s: w * count / total for s, w in weights.items() if w > 0}
    counts = {s: int(n) for s, n in wanted.items()}
    if count >= len(counts):
        for status in counts:
            counts[status] = max(counts[status], 1)
    by_remainder = sorted(wanted, key=lambda s: wanted[s] - int(wanted[s]), reverse=True)
    i = 0
    while sum(counts.values()) < count:
        counts[by_remainder[i % len(by_remainder)]] += 1
        i += 1
    while sum(counts.values()) > count:
        biggest = max(counts, key=counts.get)
        counts[biggest] -= 1
    sequence = [s for s, n in counts.items() for _ in range(n)]
    rng.shuffle(sequence)
    return sequence


def _days(value: float) -> timedelta:
    return timedelta(days=value)


class _Timeline:
    """Dates of one offer, coherent with its status, relative to `now` and `today`."""

    def __init__(self, status: OfferStatus, rng: random.Random, now: datetime, today: date):
        self.submitted_at = self.published_at = self.closed_at = self.renewed_at = None
        self.rejected_at = None
        window = PUBLISHED_WINDOW_DAYS
        if status == OfferStatus.DRAFT:
            self.created_at = now - _days(rng.uniform(0.1, 10))
            self.expires_on = today + timedelta(days=30)
            return
        if status == OfferStatus.SUBMITTED:
            self.submitted_at = now - _days(rng.uniform(0.02, 4))
            self.expires_on = today + timedelta(days=rng.choice((30, 30, 45, 60)))
        elif status == OfferStatus.REJECTED:
            self.submitted_at = now - _days(rng.uniform(1, window))
            self.rejected_at = min(now, self.submitted_at + _days(rng.uniform(0.05, 2)))
            self.expires_on = self.submitted_at.date() + timedelta(days=30)
        elif status == OfferStatus.WITHDRAWN and rng.random() < 0.25:
            self.submitted_at = now - _days(rng.uniform(2, window))
            self.closed_at = min(now, self.submitted_at + _days(rng.uniform(0.1, 2)))
            self.expires_on = self.submitted_at.date() + timedelta(days=30)
        else:
            low = {OfferStatus.EXPIRED: 33, OfferStatus.FILLED: 4, OfferStatus.WITHDRAWN: 3}
            self.published_at = now - _days(rng.uniform(low.get(status, 0.01), window))
            self.submitted_at = self.published_at - _days(rng.uniform(0.04, 3))
            published_on = self.published_at.date()
            if status == OfferStatus.EXPIRED:
                self.expires_on = min(published_on + timedelta(days=30), today - timedelta(1))
                self.closed_at = min(
                    now, datetime.combine(self.expires_on + timedelta(1), time(10, 0))
                )
            else:
                self.expires_on = published_on + timedelta(days=rng.choice((30, 30, 45, 60, 90)))
            if status == OfferStatus.PUBLISHED and self.expires_on <= today:
                # Renewed by the employer for the default 30 days.
                since = (now - self.published_at).total_seconds() / 86400
                self.renewed_at = now - _days(rng.uniform(0, min(since, 5)))
                self.expires_on = self.renewed_at.date() + timedelta(days=30)
                if self.expires_on <= today:
                    self.expires_on = today + timedelta(days=1)
            elif status in (OfferStatus.FILLED, OfferStatus.WITHDRAWN):
                age = (now - self.published_at).total_seconds() / 86400
                self.closed_at = self.published_at + _days(rng.uniform(1, min(age, 30)))
        self.created_at = self.submitted_at


def generate_offers(
    employers: Sequence[Employer],
    count: int,
    rng: random.Random,
    today: date,
    *,
    now: datetime | None = None,
    statuses: Mapping[OfferStatus, float] = DEMO_STATUS_WEIGHTS,
    counsellor: User | None = None,
    with_events: bool = True,
) -> list[Offer]:
    """`count` unsaved offers of these employers (built by `build_employers`), with history.

    Deterministic for a given seed of `rng`, `today` and `now`. Published offers have
    `published_at` within the last 60 days and an `expires_on` after today; expired ones are past.
    """
    now = now or utcnow()
    demo = {e.name: e for e in EMPLOYERS}
    statuses_seq = _status_sequence(count, statuses, rng)
    offers = []
    for status in statuses_seq:
        employer = rng.choice(employers)
        info = demo.get(employer.name, _FALLBACK)
        intros, jobs = SECTORS[info.sector]
        job = rng.choice(jobs)
        types = rng.choice(job.types)
        schedules = rng.choice(job.schedules)
        when = _Timeline(status, rng, now, today)
        town = TOWNS.get(employer.municipality_code or "", "la région")

        benefits = _pick(BENEFITS, rng, 2, 4)
        paragraphs = [
            rng.choice(intros).format(name=employer.name, town=town, years=rng.randint(12, 60))
            + " "
            + job.summary,
            "Ce que nous offrons : " + ", ".join(benefits) + ".",
        ]
        if rng.random() < 0.45:
            paragraphs.append(rng.choice(INCLUSION))
        low, high, unit = _salary(job, rng)
        remote = job.remote and rng.random() < 0.4
        contact = rng.choice(employer.contacts) if employer.contacts else None
        base = (when.published_at or when.submitted_at or when.created_at).date()

        offer = Offer(
            status=status,
            employer=employer,
            contact=contact,
            title=_title(job, types, schedules, rng),
            noc_code=job.noc,
            description="\n\n".join(paragraphs),
            tasks="\n".join(f"- {t}" for t in _pick(job.tasks, rng, 3, 5)),
            requirements="\n".join(f"- {r}" for r in _pick(job.requirements, rng, 2, 4)),
            remote=remote,
            municipality_code=employer.municipality_code,
            address=None if remote else info.address,
            employment_types=int(types),
            schedules=int(schedules),
            hours_per_week=Decimal(
                rng.choice(("35", "37.5", "40", "40"))
                if types & FT
                else rng.choice(("15", "20", "24", "28"))
            ),
            salary_min_cents=low,
            salary_max_cents=high,
            salary_unit=unit,
            start_date=base + timedelta(days=rng.randint(7, 45)) if rng.random() < 0.4 else None,
            positions=rng.choice((1, 1, 1, 2, 3)) if not types & SEAS else rng.randint(2, 8),
            apply_email=contact.email if contact else f"emplois@{info.domain}",
            apply_url=f"{employer.website}/carrieres"
            if employer.website and rng.random() < 0.3
            else None,
            apply_phone=info.phone if rng.random() < 0.3 else None,
            apply_in_person=info.sector in ("restaurant", "grocery", "retail", "hotel")
            and rng.random() < 0.4,
            apply_instructions=rng.choice(INSTRUCTIONS) if rng.random() < 0.3 else None,
            other_language_requirement=LanguageRequirement.NONE,
            expires_on=when.expires_on,
            submitted_at=when.submitted_at,
            published_at=when.published_at,
            closed_at=when.closed_at,
            rejection_reason=rng.choice(REJECTION_REASONS)
            if status == OfferStatus.REJECTED
            else None,
            created_at=when.created_at,
            updated_at=when.closed_at
            or when.renewed_at
            or when.published_at
            or when.rejected_at
            or when.created_at,
        )
        if job.language and rng.random() < 0.7:
            offer.other_languages = ENGLISH
            offer.other_language_requirement = LanguageRequirement.REQUIRED
            offer.language_justification = job.language
        elif rng.random() < 0.08:
            offer.other_languages = ENGLISH
            offer.other_language_requirement = LanguageRequirement.ASSET
        if job.english and rng.random() < 0.4:
            offer.title_en = job.english[0]
            offer.description_en = f"{employer.name}: {job.english[1]}\n\n{ENGLISH_CLOSING}"
        entered_by_staff = counsellor is not None and (
            status == OfferStatus.DRAFT or rng.random() < 0.15
        )
        if entered_by_staff:
            offer.created_by = counsellor
        _matching_facts(offer, info.sector, len(offers))
        offer.search_text = search_text_of(offer)
        if with_events:
            _history(offer, when, counsellor, entered_by_staff, rng)
        offers.append(offer)
    return offers


def _history(
    offer: Offer, when: _Timeline, counsellor: User | None, by_staff: bool, rng: random.Random
) -> None:
    def event(action: str, at: datetime, staff: bool, note: str | None = None) -> None:
        OfferEvent(
            offer=offer,
            action=action,
            at=at,
            note=note,
            by_employer=not staff,
            actor=counsellor if staff else None,
        )

    if when.submitted_at is None:
        return
    event("submitted", when.submitted_at, by_staff)
    if when.published_at is not None:
        if rng.random() < 0.2:
            event("edited", when.published_at - timedelta(minutes=rng.randint(2, 40)), True)
        event("published", when.published_at, True)
    if when.renewed_at is not None:
        event("renewed", when.renewed_at, False)
    if offer.status == OfferStatus.REJECTED:
        event("rejected", when.rejected_at, True, offer.rejection_reason)
    elif offer.status == OfferStatus.EXPIRED:
        OfferEvent(offer=offer, action="expired", at=when.closed_at, by_employer=False)
    elif offer.status in (OfferStatus.FILLED, OfferStatus.WITHDRAWN):
        event(str(offer.status), when.closed_at, rng.random() < 0.2)


def build_employers(only: Sequence[DemoEmployer] = EMPLOYERS) -> list[Employer]:
    """Unsaved employers with their contacts (work emails on `.demo` domains)."""
    employers = []
    for info in only:
        employer = Employer(
            name=info.name,
            neq=info.neq,
            municipality_code=info.municipality,
            website=f"https://www.{info.domain}" if info.website else None,
            sector=SECTOR_LABELS[info.sector],
            size=EmployerSize(info.size),
            # Most small businesses have no HR department (58 %): here, those of 100+ people
            # and the mid-sized ones with a second (recruiting) contact have one.
            has_hr_department=info.size == "100+"
            or (info.size == "20-99" and len(info.contacts) == 2),
        )
        for name, local in info.contacts:
            Contact(employer=employer, name=name, email=f"{local}@{info.domain}", phone=info.phone)
        employers.append(employer)
    return employers


def build_staff() -> list[User]:
    users = []
    for email, name, role in STAFF:
        user = User(email=email, name=name, role=role)
        user.set_password(DEMO_PASSWORD)
        users.append(user)
    return users


def is_loaded() -> bool:
    """The demo set is in the database (its counsellor account is the marker)."""
    return db.session.scalar(select(User.id).where(User.email == COUNSELLOR_EMAIL)) is not None


def load_demo_data(count: int = DEMO_OFFER_COUNT, seed: int = DEMO_SEED) -> dict:
    """Load staff, employers and offers once, in one transaction; never sends email.

    Returns {"counts": {label: number}, "login": counsellor email, "created": bool}; the counts
    are what the database holds, so a second run reports the same figures and adds nothing.
    """
    created = not is_loaded()
    if created:
        rng = random.Random(seed)
        taken = set(db.session.scalars(select(User.email).where(User.email.in_(STAFF_EMAILS))))
        staff = [user for user in build_staff() if user.email not in taken]
        counsellor = staff[0]  # the marker: absent, so built here
        employers = build_employers()
        offers = generate_offers(employers, count, rng, local_today(), counsellor=counsellor)
        colleague = second_counsellor()
        colleague.set_password(DEMO_PASSWORD)
        activity = generate_activity(
            employers,
            [counsellor, colleague],
            rng,
            local_today(),
            current_app.config["BABEL_DEFAULT_TIMEZONE"],
        )
        # Profiles have a generator of their own, so the activity stays as it was.
        build_profiles(
            [item for item in activity if isinstance(item, Participant)],
            [job for _, jobs in SECTORS.values() for job in jobs],
            random.Random(f"{seed}:profiles"),
        )
        db.session.add_all(staff + [colleague])
        db.session.add_all(employers)
        db.session.add_all(offers)
        db.session.add_all(activity)  # the profiles go with their participants
        db.session.commit()
    return {"counts": demo_counts(), "login": COUNSELLOR_EMAIL, "created": created}


def demo_counts() -> dict[str, int]:
    def count(model, *where) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    counts = {
        "staff accounts": count(User),
        "employers": count(Employer),
        "contacts": count(Contact),
        "offers": count(Offer),
    }
    by_status = dict(
        db.session.execute(select(Offer.status, func.count()).group_by(Offer.status)).all()
    )
    for status in OfferStatus:
        counts[f"offers {status.value}"] = by_status.get(status, 0)
    counts["offers visible"] = count(Offer, Offer.visible_clause(local_today()))
    counts["offer events"] = count(OfferEvent)
    for label, model in (
        ("participants", Participant),
        ("employer contacts", EmployerInteraction),
        ("company visits", CompanyVisit),
        ("stages", Placement),
        ("retention follow-ups", RetentionFollowUp),
        ("matching profiles", MatchingProfile),
    ):
        counts[label] = count(model)
    return counts
