"""Hand-written relevance test set for participant <-> offer matching (pure data).

OFFERS are realistic job offers for the Sorel-Tracy / Montérégie / Centre-du-Québec area;
PROFILES are participant matching profiles, each with `relevant`: {offer key: grade}, where
2 = very relevant (right occupation, every hard constraint met) and 1 = relevant (related
occupation or a reasonable option). Unlisted offers are judged not relevant (grade 0).

The judgments are an employment counsellor's, made with these conventions:

- Distance: straight line between the municipality coordinates of the reference table
  (approximate FSA centroids), at most `max_distance_km` (always given). Remote offers fit
  any home. Offers in Contrecoeur, Berthierville, Joliette and Lavaltrie are avoided: their
  centroids, or the river, make straight-line distances misleading.
- Transit: a person travelling by transit ("transit") is only proposed on-site offers whose
  `transit_accessible` is True; "active" (on foot or by bike) relies on distance alone.
- Schedule: every schedule of the offer must be in the person's availability; ROTATION means
  rotating day, evening and night shifts (needs DAY, EVENING and NIGHT, not WEEKEND).
- French: `french_level_required` above the person's `french_level` excludes. A profile
  `french_level` of None is a francophone who was not assessed: no French constraint.
- Criminal record: when `criminal_record_considered`, openness "no" excludes; "yes" and
  "discuss" do not.
- Soft, never excluding alone: wanted employment types (a mismatch lowers a grade or, for
  someone who clearly wants part time only, keeps a full-time offer off the list) and wage
  subsidy (eligibility and `wage_subsidy_welcome` do not change relevance).
"""

OFFERS = [
    # ---------------------------------------------------------------- soudage, métallurgie
    {
        "key": "soudeur-mig-sorel",
        "title": "Soudeur MIG - fabrication de structures d'acier",
        "description": (
            "Entreprise familiale de Sorel-Tracy spécialisée dans la fabrication de structures "
            "d'acier et de pièces pour l'industrie lourde, nous cherchons un soudeur ou une "
            "soudeuse MIG pour joindre notre équipe de production de jour. Vous travaillerez "
            "dans un atelier propre et bien ventilé, équipé de ponts roulants et de postes de "
            "soudage récents. Poste permanent à temps plein, 40 heures par semaine, du lundi au "
            "vendredi de 7 h à 15 h 30. Salaire selon l'expérience, assurances collectives, "
            "REER collectif et vêtements de travail fournis. Nous accueillons volontiers les "
            "personnes en retour au travail et sommes ouverts aux programmes de subvention "
            "salariale."
        ),
        "tasks": (
            "Souder des pièces d'acier au procédé MIG (GMAW) selon les plans; lire des dessins "
            "d'atelier; préparer et meuler les surfaces; vérifier visuellement la qualité des "
            "soudures; entretenir son poste de travail."
        ),
        "requirements": (
            "DEP en soudage-montage ou expérience équivalente; lecture de plans; bottes et "
            "lunettes de sécurité; bonne condition physique."
        ),
        "municipality_code": "53052",
        "noc_code": "72106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "soudeuse-soir-sjs",
        "title": "Soudeuse ou soudeur MIG/FCAW - quart de soir",
        "description": (
            "Notre usine de Saint-Joseph-de-Sorel fabrique des composantes métalliques pour les "
            "secteurs ferroviaire et naval. Pour répondre à la hausse des commandes, nous "
            "ajoutons des soudeuses et des soudeurs au quart de soir, du lundi au jeudi de "
            "15 h 30 à 2 h (semaine de quatre jours). Prime de soir de 1,50 $ l'heure, formation "
            "à l'interne sur nos gabarits et accompagnement par un soudeur d'expérience. Les "
            "femmes sont particulièrement encouragées à postuler. L'usine est desservie par le "
            "transport en commun. Nous embauchons sans égard aux antécédents judiciaires "
            "lorsqu'ils n'ont pas de lien avec l'emploi."
        ),
        "tasks": (
            "Souder aux procédés MIG et fil fourré (FCAW) en toutes positions; assembler les "
            "pièces sur gabarit; meuler et finir les soudures; remplir les fiches de contrôle."
        ),
        "requirements": (
            "DEP en soudage-montage ou deux ans d'expérience; test de soudure à l'embauche."
        ),
        "municipality_code": "53050",
        "noc_code": "72106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["EVENING"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "assembleur-soudeur-saint-david",
        "title": "Assembleur-soudeur / assembleuse-soudeuse - remorques agricoles",
        "description": (
            "PME manufacturière située à Saint-David, nous concevons et fabriquons des "
            "remorques et des équipements agricoles vendus partout au Québec. Nous recherchons "
            "un assembleur-soudeur ou une assembleuse-soudeuse pour l'assemblage de châssis et "
            "de composantes en acier. Le travail se fait de jour, du lundi au vendredi, dans une "
            "ambiance d'équipe où l'entraide compte. Aucun transport en commun ne se rend à "
            "l'usine : une voiture est nécessaire, mais le covoiturage est possible entre "
            "collègues. Nous donnons une deuxième chance aux personnes ayant des antécédents "
            "judiciaires et participons aux mesures de subvention salariale."
        ),
        "tasks": (
            "Assembler et pointer les pièces selon les plans; souder au MIG; couper et plier "
            "l'acier; installer des composantes hydrauliques simples; participer au contrôle "
            "de la qualité."
        ),
        "requirements": (
            "Expérience en soudage MIG (formation ou emploi); lecture de plans de base; "
            "français de base."
        ),
        "municipality_code": "53005",
        "noc_code": "72106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "soudeurs-nuit-drummond",
        "title": "Soudeurs/soudeuses - quart de nuit, prime de 2 $/h",
        "description": (
            "Important fabricant de réservoirs et d'équipements sous pression à Drummondville, "
            "nous embauchons plusieurs soudeurs et soudeuses pour notre quart de nuit, du lundi "
            "au vendredi de 23 h à 7 h. Une prime de nuit de 2 $ l'heure s'ajoute au salaire de "
            "base. Nous offrons un programme d'accueil structuré, des certifications CWB payées "
            "par l'entreprise et un milieu de travail syndiqué avec un régime de retraite. "
            "L'usine est située dans le parc industriel, accessible par le réseau d'autobus de "
            "la ville. Les antécédents judiciaires sont évalués au cas par cas."
        ),
        "tasks": (
            "Souder aux procédés MIG, TIG et électrode enrobée; lire des plans et des "
            "procédures de soudage; inspecter visuellement son travail."
        ),
        "requirements": (
            "DEP en soudage-montage; un an d'expérience en usine; français fonctionnel pour "
            "comprendre les consignes de sécurité."
        ),
        "municipality_code": "49058",
        "noc_code": "72106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["NIGHT"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "soudeur-assembleur-saint-cyrille",
        "title": "Soudeur-assembleur / soudeuse-assembleuse - équipements de déneigement",
        "description": (
            "Fabricant d'équipements de déneigement et de chasse-neige installé à "
            "Saint-Cyrille-de-Wendover, tout près de Drummondville, nous recherchons un "
            "soudeur-assembleur ou une soudeuse-assembleuse pour notre quart de jour. Vous "
            "assemblerez des lames, des châssis et des supports à partir de plans, puis "
            "réaliserez les soudures MIG. Horaire de 6 h 30 à 16 h 45 du lundi au jeudi, "
            "vendredi congé. Salaire de 24 $ à 29 $ l'heure, bonification annuelle, assurances "
            "dès le premier jour. Stationnement gratuit sur place. Les antécédents judiciaires "
            "sont discutés en toute confidentialité."
        ),
        "tasks": (
            "Lire les plans; assembler et souder les composantes au MIG; meuler et préparer "
            "pour la peinture; vérifier les dimensions."
        ),
        "requirements": "DEP en soudage-montage ou expérience équivalente de deux ans.",
        "municipality_code": "49070",
        "noc_code": "72106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": False,
    },
    {
        "key": "soudeur-monteur-quebec",
        "title": "Soudeur-monteur / soudeuse-monteuse en charpente métallique",
        "description": (
            "Entreprise de charpente métallique de la ville de Québec, nous réalisons des "
            "structures pour des bâtiments commerciaux et industriels de la Capitale-Nationale. "
            "Nous cherchons un soudeur-monteur ou une soudeuse-monteuse pour notre atelier de "
            "fabrication, de jour, avec possibilité de temps supplémentaire. Salaire "
            "concurrentiel, assurances collectives, fonds de pension et horaire stable. Nous "
            "n'offrons pas d'aide à la relocalisation : le poste s'adresse à des personnes qui "
            "demeurent dans la région de Québec ou qui sont prêtes à y déménager à leurs frais."
        ),
        "tasks": (
            "Assembler et souder poutres, colonnes et contreventements; lire des plans de "
            "charpente; utiliser le pont roulant et les outils de coupe."
        ),
        "requirements": "DEP en soudage-montage; cartes CWB en position un atout.",
        "municipality_code": "23027",
        "noc_code": "72106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": None,
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "ajusteur-charpente-sorel",
        "title": "Ajusteur-monteur / ajusteuse-monteuse de charpentes métalliques",
        "description": (
            "Atelier de charpentes et de tôleries épaisses à Sorel-Tracy, nous fabriquons des "
            "poutres, des colonnes et des plateformes pour les chantiers industriels de la "
            "région. Nous recherchons une personne pour préparer, ajuster et pointer les pièces "
            "avant la soudure finale. Poste permanent de jour, 40 heures par semaine. Une "
            "expérience en soudage ou en assemblage métallique est un atout important; notre "
            "chef d'atelier forme les nouvelles recrues. Nous accueillons les personnes "
            "immigrantes : les consignes de sécurité sont illustrées et un collègue parle "
            "anglais. Ouverts aux candidatures de personnes judiciarisées et aux subventions "
            "salariales."
        ),
        "tasks": (
            "Lire les dessins d'atelier; tracer, couper et percer les pièces; ajuster et "
            "pointer les assemblages; utiliser le pont roulant; vérifier les dimensions."
        ),
        "requirements": (
            "Expérience en assemblage ou en soudage de pièces métalliques; souliers de sécurité."
        ),
        "municipality_code": "53052",
        "noc_code": "72104",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "journalier-production-metallurgie-sorel",
        "title": "Journaliers de production - usine métallurgique (horaire en rotation)",
        "description": (
            "Notre usine métallurgique de Sorel-Tracy produit de la fonte et des alliages pour "
            "les marchés mondiaux. Nous recrutons des journaliers et des journalières de "
            "production pour des quarts en rotation de jour, de soir et de nuit, du lundi au "
            "vendredi, avec changement de quart aux deux semaines. Aucune expérience n'est "
            "exigée : une formation complète de quatre semaines est offerte, avec jumelage. "
            "Salaire d'entrée parmi les plus élevés de la région, primes de soir et de nuit, "
            "régime de retraite. Le site est accessible en autobus. Les antécédents judiciaires "
            "sont discutés en entrevue selon le poste."
        ),
        "tasks": (
            "Alimenter et surveiller les équipements de production; nettoyer les aires de "
            "travail; manipuler des matières premières; appliquer les procédures de cadenassage."
        ),
        "requirements": (
            "Secondaire 3 ou équivalent; capacité à travailler en rotation; français suffisant "
            "pour lire les consignes de sécurité (niveau 5); bonne forme physique."
        ),
        "municipality_code": "53052",
        "noc_code": "95100",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["ROTATION"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "journaliere-fonderie-sjs",
        "title": "Journalière ou journalier - fonderie, quart de soir (contrat de 6 mois)",
        "description": (
            "Fonderie d'acier établie à Saint-Joseph-de-Sorel depuis plus de 50 ans, nous avons "
            "besoin de renfort au quart de soir pour un contrat de six mois, avec possibilité "
            "de permanence. Vous assisterez les mouleurs et les opérateurs de fours, déplacerez "
            "des pièces à l'aide d'un palan et participerez à l'ébarbage des pièces coulées. "
            "Horaire du lundi au vendredi, de 16 h à minuit. Le travail est physique et se fait "
            "dans un environnement chaud. Aucune exigence de scolarité; nous embauchons sans "
            "discrimination liée aux antécédents judiciaires. Arrêt d'autobus à proximité."
        ),
        "tasks": (
            "Aider à la coulée et au moulage; ébarber et meuler des pièces; manipuler des "
            "charges avec un palan; nettoyer les aires de travail."
        ),
        "requirements": None,
        "municipality_code": "53050",
        "noc_code": "95100",
        "employment_types": ["FULL_TIME", "TEMPORARY"],
        "schedules": ["EVENING"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "machiniste-cnc-sorel",
        "title": "Machiniste CNC - atelier d'usinage",
        "description": (
            "Atelier d'usinage de précision à Sorel-Tracy, nous fabriquons des pièces sur "
            "mesure pour l'aéronautique, l'hydroélectricité et la machinerie lourde. Nous "
            "recherchons un ou une machiniste pour la programmation et l'opération de centres "
            "d'usinage et de tours à commande numérique. Horaire de jour, quatre jours de "
            "dix heures du lundi au jeudi. Environnement climatisé, équipements récents, "
            "formation continue payée. Salaire de 26 $ à 34 $ l'heure selon l'expérience. Le "
            "poste exige une formation complète en usinage et de l'expérience en programmation."
        ),
        "tasks": (
            "Programmer et régler les machines CNC; lire des dessins techniques à tolérances "
            "serrées; vérifier les pièces au micromètre; faire l'entretien de base des machines."
        ),
        "requirements": (
            "DEP en techniques d'usinage (ASP en usinage sur machines-outils à commande "
            "numérique un atout); deux ans d'expérience."
        ),
        "municipality_code": "53052",
        "noc_code": "72100",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": None,
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "operatrice-cnc-yamaska",
        "title": "Opératrice ou opérateur de machines-outils à commande numérique - soir",
        "description": (
            "Entreprise de Yamaska spécialisée dans l'usinage de pièces en aluminium, nous "
            "cherchons une opératrice ou un opérateur de machines à commande numérique pour le "
            "quart de soir, du lundi au jeudi de 15 h à 1 h. Vous chargerez les pièces, lancerez "
            "les programmes déjà préparés et vérifierez les dimensions. Aucune expérience en "
            "usinage n'est requise : nous formons en entreprise les personnes minutieuses et "
            "fiables, y compris celles qui viennent d'autres métiers comme le soudage. L'usine "
            "n'est pas desservie par le transport collectif. Personnes judiciarisées "
            "bienvenues; subvention salariale acceptée."
        ),
        "tasks": (
            "Charger et décharger les pièces; démarrer les cycles d'usinage; mesurer au pied à "
            "coulisse; ébavurer; tenir le registre de production."
        ),
        "requirements": (
            "Minutie et concentration; calculs de base; français intermédiaire pour lire les "
            "fiches de travail."
        ),
        "municipality_code": "53072",
        "noc_code": "94106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["EVENING"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "technicien-cnd-sorel",
        "title": "Technicienne ou technicien en essais non destructifs (inspection des soudures)",
        "description": (
            "Firme d'inspection industrielle basée à Sorel-Tracy, nous effectuons des contrôles "
            "non destructifs sur les soudures de structures, de réservoirs et de conduites pour "
            "nos clients du secteur lourd. Nous recherchons une technicienne ou un technicien "
            "certifié pour réaliser des inspections par ultrasons, magnétoscopie et ressuage, "
            "principalement de jour. Les interventions se font chez nos clients, dont plusieurs "
            "exigent une habilitation de sécurité : la vérification des antécédents judiciaires "
            "est obligatoire et tout antécédent empêche l'accès aux sites. Véhicule de service "
            "fourni."
        ),
        "tasks": (
            "Effectuer des essais UT, MT et PT selon les codes applicables; interpréter les "
            "résultats; rédiger des rapports d'inspection."
        ),
        "requirements": (
            "DEC en génie métallurgique (contrôle non destructif) ou équivalent; certification "
            "ONGC niveau 2 dans au moins une méthode; excellent français écrit."
        ),
        "municipality_code": "53052",
        "noc_code": "22230",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 9,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    # ---------------------------------------------------------------- mécanique, électricité
    {
        "key": "mecanicien-industriel-sorel",
        "title": "Mécanicien industriel / mécanicienne industrielle - usine de transformation",
        "description": (
            "Grande usine de transformation de minerai à Sorel-Tracy, nous recherchons un "
            "mécanicien industriel ou une mécanicienne industrielle pour l'équipe d'entretien "
            "de jour. Vous effectuerez l'entretien préventif et correctif des convoyeurs, "
            "pompes, réducteurs et équipements de production. Poste syndiqué et permanent, avec "
            "un excellent régime de retraite. Le site comprend un quai portuaire soumis aux "
            "règles de sûreté maritime de Transports Canada : une habilitation de sécurité est "
            "exigée et le poste n'est pas ouvert aux personnes ayant des antécédents judiciaires."
        ),
        "tasks": (
            "Diagnostiquer les bris mécaniques; remplacer roulements, courroies et "
            "accouplements; aligner les équipements; souder à l'occasion; remplir les bons de "
            "travail."
        ),
        "requirements": (
            "DEP en mécanique industrielle de construction et d'entretien; trois ans "
            "d'expérience; français écrit pour les bons de travail."
        ),
        "municipality_code": "53052",
        "noc_code": "72400",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 8,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "electricienne-industrielle-sjs",
        "title": "Électricienne industrielle / électricien industriel (apprenti·e accepté·e)",
        "description": (
            "Entreprise de Saint-Joseph-de-Sorel qui fabrique des équipements de manutention, "
            "nous recherchons une électricienne industrielle ou un électricien industriel pour "
            "l'entretien des machines de production et l'installation de nouveaux équipements. "
            "Les personnes apprenties qui détiennent un DEP en électricité et souhaitent "
            "accumuler leurs heures sont les bienvenues : un compagnon les encadrera. Horaire "
            "de jour, du lundi au vendredi. Nous soutenons activement la place des femmes dans "
            "les métiers et accueillons les programmes de subvention salariale. Antécédents "
            "judiciaires : à discuter."
        ),
        "tasks": (
            "Diagnostiquer et réparer les pannes électriques; installer et raccorder des "
            "moteurs, des variateurs et des panneaux de contrôle; lire des schémas électriques."
        ),
        "requirements": (
            "DEP en électricité ou en électromécanique de systèmes automatisés; carnet "
            "d'apprentissage ou certificat de qualification."
        ),
        "municipality_code": "53050",
        "noc_code": "72201",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 8,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "electricien-construction-sthyacinthe",
        "title": "Électricien(ne) en construction résidentielle et commerciale",
        "description": (
            "Entrepreneur électricien de Saint-Hyacinthe, nous réalisons des travaux "
            "résidentiels, commerciaux et agricoles dans toute la Montérégie. Nous recherchons "
            "une électricienne ou un électricien, compagnon ou apprenti, pour nos chantiers de "
            "jour. Camion et outils fournis à partir de l'entrepôt; un véhicule personnel est "
            "nécessaire pour s'y rendre en début de journée. Salaire selon la convention de la "
            "construction, avantages sociaux de la CCQ et heures assurées à l'année. Nous "
            "sommes prêts à accueillir une personne en subvention salariale pour sa première "
            "année d'apprentissage."
        ),
        "tasks": (
            "Passer le filage; installer boîtes, luminaires et panneaux; raccorder les "
            "appareils; lire les plans électriques; respecter le Code de construction."
        ),
        "requirements": (
            "DEP en électricité; certificat de compétence apprenti ou compagnon de la CCQ; "
            "permis de conduire."
        ),
        "municipality_code": "54048",
        "noc_code": "72200",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 7,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "electromecanicien-drummond",
        "title": "Électromécanicienne ou électromécanicien - réparation de moteurs électriques",
        "description": (
            "Atelier de Drummondville spécialisé dans le rebobinage et la réparation de moteurs "
            "électriques, de génératrices et de transformateurs pour les usines du "
            "Centre-du-Québec. Nous recherchons une personne électromécanicienne pour le "
            "diagnostic, le démontage et la remise en état des équipements. Travail de jour en "
            "atelier, du lundi au vendredi, avec quelques appels de service chez les clients. "
            "Formation maison sur les bancs d'essai. Idéal pour une personne issue de la "
            "mécanique industrielle ou de l'électricité qui aime le travail minutieux. "
            "Antécédents judiciaires évalués au cas par cas."
        ),
        "tasks": (
            "Démonter et inspecter des moteurs; remplacer roulements et bobinages; effectuer "
            "des essais électriques; rédiger les rapports de réparation."
        ),
        "requirements": (
            "DEP en électromécanique, en électricité ou en mécanique industrielle; français "
            "intermédiaire."
        ),
        "municipality_code": "49058",
        "noc_code": "72422",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 7,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "mecanicien-auto-sorel",
        "title": "Mécanicien ou mécanicienne automobile - concessionnaire",
        "description": (
            "Concessionnaire automobile de Sorel-Tracy, nous recherchons une mécanicienne ou un "
            "mécanicien pour l'entretien et la réparation de véhicules légers. Horaire de jour "
            "du lundi au vendredi, sans travail de fin de semaine. Atelier de douze baies, "
            "outils de diagnostic à la fine pointe et formations du fabricant payées. "
            "Rémunération à taux horaire avec bonis de performance. Les candidatures de "
            "personnes en réorientation qui possèdent une solide base en mécanique sont "
            "considérées. Antécédents judiciaires à discuter selon leur nature."
        ),
        "tasks": (
            "Effectuer l'entretien préventif; diagnostiquer les problèmes mécaniques et "
            "électriques; remplacer freins, suspensions et pièces de moteur."
        ),
        "requirements": (
            "DEP en mécanique automobile ou expérience équivalente; coffre d'outils de base; "
            "permis de conduire valide."
        ),
        "municipality_code": "53052",
        "noc_code": "72410",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "mecanicien-machinerie-lourde-nicolet",
        "title": "Mécanicien(ne) de machinerie agricole et d'équipement lourd",
        "description": (
            "Concessionnaire de machinerie agricole situé à Nicolet, nous servons les "
            "producteurs du Centre-du-Québec et de la Montérégie. Nous recherchons une "
            "mécanicienne ou un mécanicien pour l'entretien et la réparation de tracteurs, de "
            "moissonneuses-batteuses et d'équipements de construction. Horaire de jour, "
            "40 heures par semaine, un peu plus en période de récolte. Une expérience en "
            "mécanique industrielle ou en mécanique de camions est acceptée : nous formons sur "
            "les systèmes hydrauliques et électroniques de nos marques. Nous donnons une chance "
            "aux personnes ayant un passé judiciaire et acceptons les subventions salariales."
        ),
        "tasks": (
            "Diagnostiquer et réparer moteurs diesel, transmissions et systèmes hydrauliques; "
            "effectuer des réparations au champ avec le camion de service."
        ),
        "requirements": (
            "DEP en mécanique d'engins de chantier, en mécanique agricole ou expérience "
            "équivalente; permis de conduire; voiture pour se rendre au garage."
        ),
        "municipality_code": "50072",
        "noc_code": "72401",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    # ---------------------------------------------------------------- entretien, conciergerie
    {
        "key": "preposees-entretien-menager-hopital",
        "title": (
            "Préposées et préposés à l'entretien ménager - centre hospitalier (liste de rappel)"
        ),
        "description": (
            "Le centre hospitalier de Sorel-Tracy recrute des préposées et des préposés à "
            "l'entretien ménager pour sa liste de rappel, principalement de soir et de fin de "
            "semaine. Vous contribuerez à la prévention des infections en assurant la propreté "
            "et la désinfection des chambres, des corridors et des aires communes. Formation "
            "rémunérée sur les produits et les protocoles d'hygiène. Temps partiel de deux à "
            "quatre quarts par semaine, avec possibilité d'obtenir un poste. L'hôpital est "
            "desservi par le transport en commun. Les antécédents judiciaires sont vérifiés, "
            "mais un antécédent n'est pas automatiquement éliminatoire."
        ),
        "tasks": (
            "Nettoyer et désinfecter les chambres au départ des patients; vider les poubelles "
            "et les déchets biomédicaux; laver les planchers; réapprovisionner le matériel."
        ),
        "requirements": (
            "Capacité à suivre des protocoles; bonne condition physique; disponibilité de soir "
            "et de fin de semaine."
        ),
        "municipality_code": "53052",
        "noc_code": "65310",
        "employment_types": ["PART_TIME", "TEMPORARY"],
        "schedules": ["EVENING", "WEEKEND"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "entretien-bureaux-soir-sorel",
        "title": "Préposé(e) à l'entretien ménager de bureaux - soir, temps partiel",
        "description": (
            "Entreprise d'entretien commercial de Sorel-Tracy, nous assurons l'entretien "
            "ménager d'édifices à bureaux, de cliniques et de succursales bancaires du "
            "centre-ville. Nous offrons des postes à temps partiel de soir, du lundi au vendredi "
            "de 18 h à 21 h 30, parfaits pour concilier travail et famille. Formation offerte, "
            "travail en équipe de deux, uniforme fourni. Les personnes ayant des antécédents "
            "judiciaires sont les bienvenues : nous jugeons sur le travail. Les édifices sont "
            "accessibles en autobus. Nous travaillons souvent avec les organismes "
            "d'employabilité et les subventions salariales."
        ),
        "tasks": (
            "Épousseter et nettoyer les bureaux; laver les planchers; nettoyer les salles de "
            "bain; vider les corbeilles et le recyclage."
        ),
        "requirements": None,
        "municipality_code": "53052",
        "noc_code": "65310",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["EVENING"],
        "remote": False,
        "french_level_required": 3,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "entretien-menager-rpa-sorel",
        "title": "Préposée ou préposé à l'entretien ménager - résidence pour aînés (jour)",
        "description": (
            "Résidence privée pour aînés du centre-ville de Sorel-Tracy accueillant "
            "120 résidents autonomes et semi-autonomes. Nous recherchons une personne pour "
            "l'entretien ménager des appartements et des aires communes, de jour, du lundi au "
            "vendredi, environ 25 heures par semaine. Vous aurez des contacts quotidiens avec "
            "les résidents : le sourire et la patience sont essentiels. Repas du midi offerts à "
            "faible coût, ambiance familiale. La résidence est accessible à pied, à vélo ou en "
            "autobus. Vérification des antécédents judiciaires : les situations sont discutées "
            "avec la direction."
        ),
        "tasks": (
            "Nettoyer les appartements selon l'horaire établi; entretenir la salle à manger et "
            "les salons; laver la literie; signaler les bris."
        ),
        "requirements": "Expérience en entretien ménager un atout; respect et discrétion.",
        "municipality_code": "53052",
        "noc_code": "65310",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "entretien-menager-hotel-drummond",
        "title": "Préposées aux chambres / entretien ménager - hôtel",
        "description": (
            "Hôtel de 140 chambres situé près de l'autoroute 20 à Drummondville, nous "
            "recherchons des préposées et des préposés aux chambres. Les quarts sont de jour, "
            "de 8 h à 15 h 30, et incluent des fins de semaine en alternance. Postes permanents "
            "à temps plein ou à temps partiel. Aucune expérience requise : formation de deux "
            "semaines avec une préposée d'expérience. Nous accueillons beaucoup de personnes "
            "nouvellement arrivées et les consignes sont données avec des pictogrammes. Les "
            "antécédents judiciaires ne sont pas un obstacle. Arrêt d'autobus devant l'hôtel."
        ),
        "tasks": (
            "Faire les lits et nettoyer les chambres; nettoyer les salles de bain; "
            "réapprovisionner les chariots; signaler les objets oubliés et les bris."
        ),
        "requirements": "Bonne forme physique; français de base accepté.",
        "municipality_code": "49058",
        "noc_code": "65310",
        "employment_types": ["FULL_TIME", "PART_TIME", "PERMANENT"],
        "schedules": ["DAY", "WEEKEND"],
        "remote": False,
        "french_level_required": 3,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "entretien-menager-hotel-trois-rivieres",
        "title": "Préposé(e) à l'entretien ménager - hôtel du centre-ville de Trois-Rivières",
        "description": (
            "Hôtel-boutique du centre-ville de Trois-Rivières, à deux pas du fleuve, nous "
            "cherchons une préposée ou un préposé à l'entretien ménager pour nos chambres et "
            "nos salles de réception. Quarts de jour, incluant les fins de semaine, à temps "
            "plein. Nous offrons un salaire au-dessus de la moyenne du secteur, des pourboires, "
            "des repas fournis et un rabais sur les nuitées pour la famille. Formation sur "
            "place. Le centre-ville est bien desservi par les autobus de la Société de "
            "transport de Trois-Rivières. Antécédents judiciaires discutés en entrevue."
        ),
        "tasks": (
            "Nettoyer les chambres et les salles de bain; préparer les salles de réception; "
            "faire la lessive du linge de maison."
        ),
        "requirements": None,
        "municipality_code": "37067",
        "noc_code": "65310",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY", "WEEKEND"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "concierge-ecole-sjs",
        "title": "Concierge d'école - soir",
        "description": (
            "Le centre de services scolaire recrute une ou un concierge pour une école primaire "
            "de Saint-Joseph-de-Sorel. Le poste est de soir, du lundi au vendredi de 15 h à "
            "23 h, à temps plein et permanent. Vous assurerez l'entretien ménager lourd, les "
            "petites réparations et la sécurité du bâtiment après le départ des élèves. Toute "
            "personne qui travaille dans une école doit remplir une déclaration relative aux "
            "antécédents judiciaires, qui est vérifiée par la police : le poste n'est pas "
            "accessible aux personnes ayant des antécédents. Régime de retraite et assurances "
            "collectives."
        ),
        "tasks": (
            "Laver et cirer les planchers; nettoyer les classes, le gymnase et les toilettes; "
            "faire de menues réparations; verrouiller le bâtiment."
        ),
        "requirements": (
            "Expérience en conciergerie ou en entretien; français oral et écrit de base."
        ),
        "municipality_code": "53050",
        "noc_code": "65312",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["EVENING"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "nettoyeur-industriel-nuit-sorel",
        "title": "Nettoyeur industriel / nettoyeuse industrielle - quart de nuit",
        "description": (
            "Entreprise de services industriels, nous effectuons le nettoyage et "
            "l'assainissement des équipements de production d'une usine agroalimentaire de "
            "Sorel-Tracy pendant l'arrêt de nuit. Nous cherchons des nettoyeurs et des "
            "nettoyeuses, du lundi au vendredi de 23 h à 7 h. Travail au jet d'eau sous "
            "pression et avec des produits d'assainissement, équipement de protection fourni. "
            "Prime de nuit, formations SIMDUT et cadenassage payées. Nous offrons une vraie "
            "deuxième chance : les antécédents judiciaires ne sont pas un obstacle. Accessible "
            "en autobus."
        ),
        "tasks": (
            "Démonter les pièces amovibles; laver et assainir les convoyeurs et les "
            "équipements; appliquer le cadenassage; remplir les registres d'assainissement."
        ),
        "requirements": None,
        "municipality_code": "53052",
        "noc_code": "65312",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["NIGHT"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "concierge-immeuble-sorel",
        "title": "Concierge résidant(e) - immeuble à logements (temps partiel)",
        "description": (
            "Propriétaire de trois immeubles de 24 logements à Sorel-Tracy, nous cherchons une "
            "ou un concierge pour environ 20 heures par semaine, de jour. Un logement 4 ½ à "
            "prix réduit est offert sur place, sans obligation de l'habiter. Les tâches "
            "comprennent l'entretien des espaces communs, la gestion des ordures et du "
            "recyclage, le déneigement des entrées et de petites réparations. Idéal pour une "
            "personne retraitée ou semi-retraitée, autonome et débrouillarde. Antécédents "
            "judiciaires : à discuter, car le poste donne accès aux logements."
        ),
        "tasks": (
            "Entretenir corridors, escaliers et buanderies; sortir les bacs; déneiger les "
            "entrées; faire de menues réparations; faire visiter les logements libres."
        ),
        "requirements": (
            "Débrouillardise; petits travaux de réparation; français pour parler aux locataires."
        ),
        "municipality_code": "53052",
        "noc_code": "65312",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "entretien-general-immeubles-sorel",
        "title": "Préposé à l'entretien général d'immeubles (homme ou femme à tout faire)",
        "description": (
            "Office d'habitation de la région de Sorel-Tracy, nous gérons plus de "
            "400 logements sociaux. Nous recherchons une personne polyvalente pour l'entretien "
            "général des bâtiments : peinture, remplacement de robinetterie, réparation de "
            "portes et de planchers, entretien des terrains. Poste permanent à temps plein de "
            "jour, du lundi au vendredi. Un véhicule de service est disponible pour les "
            "déplacements entre les immeubles, qui sont tous situés en ville. Nous privilégions "
            "l'embauche locale et acceptons les subventions salariales. Antécédents judiciaires "
            "évalués selon la nature du délit."
        ),
        "tasks": (
            "Réparer et repeindre les logements libérés; remplacer robinets et luminaires; "
            "entretenir les terrains; tenir l'inventaire du matériel."
        ),
        "requirements": (
            "Habiletés manuelles en menuiserie, plomberie ou peinture; permis de conduire un atout."
        ),
        "municipality_code": "53052",
        "noc_code": "73201",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    # ---------------------------------------------------------------- santé, soins
    {
        "key": "pab-chsld-sorel",
        "title": "Préposé(e) aux bénéficiaires - CHSLD (soir et fin de semaine)",
        "description": (
            "Le CHSLD de Sorel-Tracy recherche des préposées et des préposés aux bénéficiaires "
            "pour des postes permanents à temps plein de soir, incluant une fin de semaine sur "
            "deux. Vous accompagnerez des personnes aînées en perte d'autonomie dans leurs "
            "soins d'hygiène, leurs repas et leurs déplacements. Salaire selon l'échelle du "
            "réseau de la santé, primes de soir et de fin de semaine. La communication avec les "
            "résidents et la lecture des plans de travail exigent un français de niveau 7 sur "
            "l'Échelle québécoise. Vérification obligatoire des antécédents judiciaires; une "
            "condamnation est incompatible avec le poste."
        ),
        "tasks": (
            "Donner les soins d'hygiène et aider à l'habillement; aider aux repas; effectuer "
            "les transferts; observer et signaler les changements à l'infirmière."
        ),
        "requirements": (
            "DEP Assistance à la personne en établissement et à domicile ou AEP de préposé aux "
            "bénéficiaires; PDSB et RCR à jour; français de niveau 7."
        ),
        "municipality_code": "53052",
        "noc_code": "33102",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["EVENING", "WEEKEND"],
        "remote": False,
        "french_level_required": 7,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "pab-rpa-sorel",
        "title": "Préposée aux bénéficiaires - résidence privée pour aînés",
        "description": (
            "Petite résidence privée pour aînés de Sorel-Tracy (45 résidents), nous cherchons "
            "une préposée ou un préposé aux bénéficiaires à temps partiel, de jour, incluant "
            "les fins de semaine. La formation PDSB et RCR est payée par la résidence si vous "
            "ne l'avez pas encore. Nous accueillons avec plaisir les personnes immigrantes "
            "ayant de l'expérience en soins : une collègue accompagne chaque nouvelle employée "
            "pendant les premières semaines et un français de niveau intermédiaire suffit pour "
            "commencer. Transport en commun à deux minutes. Antécédents judiciaires discutés "
            "en entrevue."
        ),
        "tasks": (
            "Aider les résidents aux soins d'hygiène et à l'habillement; servir les repas; "
            "accompagner les déplacements; noter les observations au cahier de soins."
        ),
        "requirements": (
            "Expérience en soins (emploi, stage ou proche aidance); patience et douceur; "
            "français de niveau 5."
        ),
        "municipality_code": "53052",
        "noc_code": "33102",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["DAY", "WEEKEND"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "pab-nuit-nicolet",
        "title": "Préposés aux bénéficiaires - nuit",
        "description": (
            "Le centre d'hébergement de Nicolet offre des postes de préposées et de préposés "
            "aux bénéficiaires de nuit, de 23 h 45 à 7 h 45, du lundi au vendredi. L'équipe de "
            "nuit veille au confort et à la sécurité de 96 résidents : tournées, changements de "
            "position, soins d'incontinence et réponse aux cloches d'appel. Prime de nuit et "
            "horaire stable. Comme les autobus ne circulent pas la nuit, une voiture est "
            "nécessaire. Vérification obligatoire des antécédents judiciaires : tout antécédent "
            "lié à l'emploi empêche l'embauche."
        ),
        "tasks": (
            "Effectuer les tournées de surveillance; donner les soins d'hygiène de nuit; "
            "repositionner les résidents; consigner les observations."
        ),
        "requirements": (
            "DEP Assistance à la personne en établissement et à domicile ou AEP; PDSB à jour."
        ),
        "municipality_code": "50072",
        "noc_code": "33102",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["NIGHT"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": False,
    },
    {
        "key": "aide-domicile-sorel",
        "title": "Auxiliaire aux services d'aide à domicile",
        "description": (
            "Entreprise d'économie sociale en aide à domicile qui dessert la MRC de "
            "Pierre-De Saurel, nous recherchons des auxiliaires pour accompagner des personnes "
            "aînées à domicile : aide au bain, préparation de repas et entretien léger. Horaire "
            "de jour, du lundi au vendredi, à temps partiel de 20 à 30 heures par semaine. Les "
            "visites se font chez les clients à Sorel-Tracy et dans les municipalités rurales : "
            "une voiture et un permis de conduire sont obligatoires, et le kilométrage est "
            "remboursé. Formation PDSB offerte. Antécédents judiciaires : à discuter selon leur "
            "nature."
        ),
        "tasks": (
            "Aider au bain et aux soins personnels; préparer des repas simples; faire "
            "l'entretien ménager léger; noter les observations."
        ),
        "requirements": (
            "Permis de conduire et voiture; expérience en soins ou en entretien ménager; "
            "français de niveau 6 pour lire les plans d'intervention."
        ),
        "municipality_code": "53052",
        "noc_code": "44101",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    # ---------------------------------------------------------------- restauration, alimentation
    {
        "key": "cuisinier-resto-sorel",
        "title": "Cuisinier / cuisinière - restaurant familial (soir et fin de semaine)",
        "description": (
            "Restaurant familial bien établi au centre-ville de Sorel-Tracy, connu pour sa "
            "gibelotte et ses plats du jour, nous cherchons un cuisinier ou une cuisinière à "
            "temps plein pour les soirs de semaine et les fins de semaine. Vous travaillerez "
            "au poste chaud (grill, friteuse, plats du jour) dans une équipe de quatre "
            "personnes. Nous formons volontiers une personne qui sort du DEP en cuisine. Repas "
            "fournis et pourboires partagés avec la cuisine. Accessible en autobus. Les "
            "antécédents judiciaires ne sont pas un obstacle chez nous."
        ),
        "tasks": (
            "Préparer les plats selon les recettes; faire la mise en place; respecter les "
            "normes d'hygiène du MAPAQ; nettoyer son poste."
        ),
        "requirements": "DEP en cuisine ou expérience en restauration.",
        "municipality_code": "53052",
        "noc_code": "63200",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["EVENING", "WEEKEND"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "cuisiniere-rpa-sorel",
        "title": (
            "Cuisinière ou cuisinier - résidence pour aînés (jour, une fin de semaine sur deux)"
        ),
        "description": (
            "Résidence pour aînés de Sorel-Tracy, nous préparons chaque jour les déjeuners et "
            "les dîners de 120 résidents, dont plusieurs ont des diètes particulières. Nous "
            "recherchons une cuisinière ou un cuisinier à temps plein, de 6 h à 14 h, incluant "
            "une fin de semaine sur deux. Cuisine bien équipée, menus planifiés avec une "
            "nutritionniste, aucune soirée. Une belle occasion pour une personne diplômée en "
            "cuisine qui souhaite un horaire de jour. Transport en commun à proximité. "
            "Antécédents judiciaires : à discuter avec la direction."
        ),
        "tasks": (
            "Préparer les repas et les purées selon les diètes; gérer la production; recevoir "
            "les commandes; appliquer les règles d'hygiène et de salubrité."
        ),
        "requirements": "DEP en cuisine ou deux ans d'expérience; attestation MAPAQ un atout.",
        "municipality_code": "53052",
        "noc_code": "63200",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY", "WEEKEND"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "aide-cuisine-cpe-sorel",
        "title": "Aide-cuisinière / aide-cuisinier - CPE",
        "description": (
            "Le centre de la petite enfance de Sorel-Tracy accueille 80 enfants dans deux "
            "installations. Nous cherchons une aide-cuisinière ou un aide-cuisinier pour "
            "soutenir notre responsable de l'alimentation : préparation des collations et des "
            "dîners, plonge et entretien de la cuisine. Temps partiel de 25 heures par semaine, "
            "de jour, de 8 h à 13 h du lundi au vendredi. Congés à Noël et pendant les vacances "
            "de la construction. Comme pour tout le personnel d'un service de garde, "
            "l'embauche exige une vérification de l'absence d'empêchement : les personnes ayant "
            "des antécédents judiciaires ne peuvent être retenues."
        ),
        "tasks": (
            "Préparer collations et repas; laver la vaisselle; ranger les livraisons; nettoyer "
            "la cuisine selon les normes."
        ),
        "requirements": (
            "Intérêt pour l'alimentation des enfants; connaissance des allergies un atout."
        ),
        "municipality_code": "53052",
        "noc_code": "65201",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "plongeur-fds-sorel",
        "title": "Plongeur / plongeuse - soirs et fins de semaine",
        "description": (
            "Bistro et salle de réception près de la marina de Sorel-Tracy, nous cherchons un "
            "plongeur ou une plongeuse pour les soirs de fin de semaine et les soirs de "
            "banquets, environ 15 à 20 heures par semaine. Vous laverez la vaisselle et les "
            "chaudrons, garderez la cuisine propre et aiderez à la préparation de base quand "
            "l'équipe est débordée. Aucune expérience nécessaire, repas inclus. Un bon premier "
            "emploi ou un complément de revenu. Accessible en autobus. Les antécédents "
            "judiciaires ne nous dérangent pas."
        ),
        "tasks": (
            "Laver la vaisselle, les chaudrons et les ustensiles; sortir les déchets; nettoyer "
            "la cuisine; aider à la mise en place."
        ),
        "requirements": None,
        "municipality_code": "53052",
        "noc_code": "65201",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["EVENING", "WEEKEND"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "journalier-alimentaire-sthyacinthe",
        "title": "Journalier(ère) de production - transformation alimentaire (soir)",
        "description": (
            "Usine de transformation alimentaire de Saint-Hyacinthe, la technopole "
            "agroalimentaire du Québec, nous produisons des plats cuisinés pour les épiceries. "
            "Nous recrutons des journalières et des journaliers de production pour le quart de "
            "soir, du lundi au vendredi de 15 h 30 à minuit. Vous travaillerez sur les lignes "
            "d'emballage et d'assemblage, dans un environnement réfrigéré. Aucune expérience "
            "exigée, formation sur place et équipe multiculturelle. Les personnes ayant des "
            "antécédents judiciaires sont les bienvenues. L'usine est desservie par le "
            "transport en commun de la ville."
        ),
        "tasks": (
            "Alimenter les lignes de production; emballer et étiqueter les produits; peser et "
            "contrôler les portions; nettoyer le poste de travail."
        ),
        "requirements": "Bonne forme physique; tolérance au froid; français de base.",
        "municipality_code": "54048",
        "noc_code": "95106",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["EVENING"],
        "remote": False,
        "french_level_required": 3,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "journalier-plastique-drummond",
        "title": "Journaliers et journalières de production - moulage de plastique",
        "description": (
            "Entreprise de moulage par injection de pièces de plastique située dans le parc "
            "industriel de Drummondville. Nous recrutons des journaliers et des journalières de "
            "production pour le quart de jour, de 7 h à 15 h 30 du lundi au vendredi. Vous "
            "retirerez les pièces des presses, les inspecterez, les ébavurerez et les "
            "emballerez. Formation en entreprise; aucune expérience ni diplôme requis. Une "
            "équipe accueillante, où l'on parle plusieurs langues. Trajet d'autobus direct "
            "depuis le centre-ville. Nous embauchons des personnes ayant des antécédents "
            "judiciaires."
        ),
        "tasks": (
            "Retirer et inspecter les pièces moulées; ébavurer; emballer et étiqueter; "
            "signaler les défauts."
        ),
        "requirements": None,
        "municipality_code": "49058",
        "noc_code": "95104",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 3,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "assembleuse-portes-fenetres-sjs",
        "title": "Assembleuse ou assembleur de portes et fenêtres (PVC)",
        "description": (
            "Fabricant de portes et de fenêtres en PVC de Saint-Joseph-de-Sorel, nous "
            "recherchons des assembleuses et des assembleurs pour notre ligne de production de "
            "jour. Vous assemblerez les cadres, poserez la quincaillerie et les coupe-froid, "
            "puis installerez les vitrages. Travail debout, en équipe, sans exigence de "
            "diplôme : la formation se fait sur la ligne. Horaire du lundi au vendredi de 7 h à "
            "15 h 30. Autobus à proximité. Personnes judiciarisées bienvenues; nous acceptons "
            "les subventions salariales."
        ),
        "tasks": (
            "Assembler les cadres et les volets; poser quincaillerie et coupe-froid; installer "
            "les vitrages; contrôler la qualité de finition."
        ),
        "requirements": "Dextérité manuelle; ruban à mesurer; français de base.",
        "municipality_code": "53050",
        "noc_code": "94219",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    # ---------------------------------------------------------------- commerce de détail
    {
        "key": "caissiere-epicerie-sorel",
        "title": "Caissiers / caissières - épicerie (soirs et fins de semaine)",
        "description": (
            "Supermarché de Sorel-Tracy, nous recherchons des caissières et des caissiers à "
            "temps partiel pour les soirs de semaine et les fins de semaine, de 12 à "
            "25 heures par semaine. Vous accueillerez la clientèle, enregistrerez les achats, "
            "recevrez les paiements et aiderez à l'emballage. Formation payée, rabais employé "
            "et horaire stable établi deux semaines à l'avance. Idéal pour une personne aux "
            "études, un parent ou une personne retraitée. Arrêt d'autobus devant le magasin. "
            "Antécédents judiciaires : à discuter selon leur nature."
        ),
        "tasks": (
            "Enregistrer les achats; recevoir les paiements; emballer; répondre aux questions "
            "de la clientèle; garder la caisse propre."
        ),
        "requirements": "Aisance avec le public; calcul de base; français de niveau 5.",
        "municipality_code": "53052",
        "noc_code": "65100",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["EVENING", "WEEKEND"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "commis-epicerie-nuit-sjs",
        "title": "Commis d'épicerie - nuit (mise en tablettes)",
        "description": (
            "Épicerie de Saint-Joseph-de-Sorel, nous cherchons des commis de nuit pour la "
            "réception des livraisons et la mise en tablettes, du lundi au vendredi de 22 h à "
            "6 h. Postes à temps plein ou à temps partiel, permanents. Vous déballerez les "
            "commandes, remplirez les étalages, ferez la rotation des produits et préparerez le "
            "magasin pour l'ouverture. Travail physique et autonome, dans une petite équipe. "
            "Prime de nuit. Aucune expérience nécessaire. Les personnes ayant des antécédents "
            "judiciaires sont bienvenues."
        ),
        "tasks": (
            "Décharger les palettes; remplir les tablettes; faire la rotation des dates; "
            "nettoyer les allées."
        ),
        "requirements": None,
        "municipality_code": "53050",
        "noc_code": "65102",
        "employment_types": ["FULL_TIME", "PART_TIME", "PERMANENT"],
        "schedules": ["NIGHT"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "caissier-depanneur-pierreville",
        "title": "Caissier(ère) - dépanneur et poste d'essence",
        "description": (
            "Dépanneur et poste d'essence situé sur la route 132 à Pierreville, nous cherchons "
            "une caissière ou un caissier pour les soirs et les fins de semaine, de 15 à "
            "25 heures par semaine. Vous servirez la clientèle, ferez les transactions de "
            "loterie et d'essence, remplirez les réfrigérateurs et garderez le magasin propre. "
            "Vous travaillerez souvent seul en fin de soirée : nous cherchons une personne "
            "fiable. Il n'y a pas de transport en commun dans le secteur, une voiture est "
            "nécessaire. Antécédents judiciaires : à discuter."
        ),
        "tasks": (
            "Servir la clientèle; encaisser les ventes et la loterie; remplir les frigos; "
            "faire le ménage et la fermeture."
        ),
        "requirements": "18 ans et plus; expérience en service à la clientèle un atout.",
        "municipality_code": "50113",
        "noc_code": "65100",
        "employment_types": ["PART_TIME"],
        "schedules": ["EVENING", "WEEKEND"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": False,
    },
    {
        "key": "conseiller-vente-quincaillerie-sorel",
        "title": "Conseiller ou conseillère à la vente - quincaillerie et matériaux",
        "description": (
            "Centre de rénovation de Sorel-Tracy, nous recherchons une conseillère ou un "
            "conseiller à la vente pour les rayons de quincaillerie, de plomberie et de "
            "peinture. Poste permanent à temps plein, de jour, incluant les samedis et "
            "dimanches en alternance. Vous conseillerez la clientèle, préparerez les commandes "
            "et maintiendrez les rayons bien garnis. Des connaissances en rénovation sont un "
            "atout, mais nous formons les personnes qui ont le sens du service. Accessible en "
            "autobus. Antécédents judiciaires : à discuter."
        ),
        "tasks": (
            "Conseiller la clientèle; préparer les commandes; garnir les rayons; faire les "
            "mélanges de peinture; participer aux inventaires."
        ),
        "requirements": "Sens du service; intérêt pour la rénovation; français de niveau 7.",
        "municipality_code": "53052",
        "noc_code": "64100",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY", "WEEKEND"],
        "remote": False,
        "french_level_required": 7,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    # ---------------------------------------------------------------- entrepôt, transport
    {
        "key": "cariste-sjs",
        "title": "Cariste - centre de distribution (quart de soir)",
        "description": (
            "Centre de distribution de matériaux situé à Saint-Joseph-de-Sorel, nous "
            "recherchons des caristes pour le quart de soir, du lundi au vendredi de 15 h à "
            "23 h 30. Vous chargerez et déchargerez les camions, placerez les palettes dans les "
            "palettiers et préparerez les commandes. Si vous n'avez pas encore votre carte de "
            "cariste, la formation est offerte et payée à l'embauche. Prime de soir, "
            "assurances collectives après trois mois. Autobus à proximité. Nous accueillons "
            "les personnes ayant des antécédents judiciaires et collaborons avec les "
            "programmes de subvention salariale."
        ),
        "tasks": (
            "Charger et décharger les remorques au chariot élévateur; ranger les palettes; "
            "préparer les commandes; faire les décomptes d'inventaire."
        ),
        "requirements": "Carte de cariste valide ou formation offerte; souci de la sécurité.",
        "municipality_code": "53050",
        "noc_code": "75101",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["EVENING"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "preparateur-commandes-drummond",
        "title": "Commis d'entrepôt / préparateur ou préparatrice de commandes",
        "description": (
            "Entrepôt de distribution de pièces automobiles à Drummondville, nous recherchons "
            "des commis d'entrepôt pour la préparation des commandes de nos clients au Québec "
            "et en Ontario. Travail de jour, du lundi au vendredi de 7 h à 15 h 30, avec un "
            "lecteur de codes-barres. Formation d'une semaine, bonis de productivité, "
            "vêtements de travail fournis. Beaucoup de nos employés sont arrivés récemment au "
            "Canada : les consignes sont simples et visuelles. Autobus à proximité. Personnes "
            "judiciarisées bienvenues; subvention salariale acceptée."
        ),
        "tasks": (
            "Prélever les pièces avec le lecteur; emballer les commandes; étiqueter les colis; "
            "participer à la réception des marchandises."
        ),
        "requirements": "Bonne forme physique; français de base.",
        "municipality_code": "49058",
        "noc_code": "75101",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "commis-expedition-sorel",
        "title": "Commis à l'expédition et à la réception",
        "description": (
            "Distributeur industriel de Sorel-Tracy, nous recherchons une ou un commis à "
            "l'expédition et à la réception. Vous vérifierez les marchandises reçues, "
            "préparerez les envois, produirez les bordereaux dans notre logiciel de gestion et "
            "coordonnerez les cueillettes avec les transporteurs. Poste permanent à temps "
            "plein, de jour, du lundi au vendredi. Une expérience en entrepôt et la carte de "
            "cariste sont des atouts. Accessible en autobus. Antécédents judiciaires : à "
            "discuter selon leur nature. Subvention salariale possible."
        ),
        "tasks": (
            "Recevoir et vérifier les marchandises; préparer et emballer les envois; saisir "
            "les transactions à l'ordinateur; communiquer avec les transporteurs."
        ),
        "requirements": (
            "Expérience en entrepôt un atout; aisance avec l'informatique de base; français "
            "de niveau 6."
        ),
        "municipality_code": "53052",
        "noc_code": "14400",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "cariste-longueuil",
        "title": "Caristes - entrepôt frigorifique (jour)",
        "description": (
            "Entrepôt frigorifique de Longueuil qui distribue des produits laitiers et surgelés "
            "dans le Grand Montréal. Nous recherchons des caristes d'expérience pour le quart "
            "de jour, de 6 h à 14 h 30 du lundi au vendredi. Travail dans un environnement "
            "réfrigéré et congelé, vêtements isolants fournis. Salaire de 25 $ l'heure, prime "
            "de congélateur et assurances complètes. L'entrepôt est accessible par le réseau "
            "d'autobus de Longueuil. Les antécédents judiciaires ne sont pas un obstacle."
        ),
        "tasks": (
            "Charger et décharger les camions; ranger les palettes en hauteur; préparer les "
            "commandes; faire le décompte des stocks."
        ),
        "requirements": "Carte de cariste et un an d'expérience; tolérance au froid.",
        "municipality_code": "58227",
        "noc_code": "75101",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 4,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "camionneur-canada-usa",
        "title": "Camionneur / camionneuse classe 1 - longue distance Canada–États-Unis",
        "description": (
            "Entreprise de transport de Sorel-Tracy, nous desservons l'Ontario et le nord-est "
            "des États-Unis avec une flotte de tracteurs récents. Nous recherchons des "
            "camionneuses et des camionneurs classe 1 pour des voyages de trois à cinq jours, "
            "de jour comme de nuit, avec retour à la maison chaque fin de semaine. Paie au "
            "kilomètre, bonis de sécurité et assurances collectives. Le passage de la "
            "frontière exige l'admissibilité aux États-Unis et la carte EXPRES : le poste "
            "n'est pas ouvert aux personnes ayant des antécédents judiciaires."
        ),
        "tasks": (
            "Conduire un tracteur semi-remorque; effectuer les inspections avant départ; "
            "remplir le registre électronique; livrer chez les clients."
        ),
        "requirements": (
            "Permis classe 1; deux ans d'expérience; dossier de conduite propre; admissibilité "
            "à la carte EXPRES."
        ),
        "municipality_code": "53052",
        "noc_code": "73300",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY", "NIGHT"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": False,
    },
    {
        "key": "camionneur-regional-drummond",
        "title": "Camionneur(euse) classe 1 - transport régional, retour à la maison chaque soir",
        "description": (
            "Transporteur régional de Drummondville, nous livrons des matériaux et des produits "
            "agricoles au Centre-du-Québec, en Montérégie et en Mauricie. Nous recherchons une "
            "camionneuse ou un camionneur classe 1 pour des trajets de jour, du lundi au "
            "vendredi, avec retour à la maison tous les soirs. Camion assigné, paie à l'heure, "
            "temps supplémentaire payé. Les personnes ayant un passé judiciaire sont "
            "considérées après discussion; nos trajets restent au Québec. Une voiture est "
            "nécessaire pour se rendre au garage."
        ),
        "tasks": (
            "Conduire un tracteur semi-remorque ou un camion à benne; faire les vérifications "
            "avant départ; arrimer les chargements; remplir les documents de livraison."
        ),
        "requirements": "Permis classe 1; un an d'expérience; dossier SAAQ acceptable.",
        "municipality_code": "49058",
        "noc_code": "73300",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "chauffeur-livreur-classe3-sorel",
        "title": "Chauffeur-livreur / chauffeuse-livreuse classe 3 - matériaux de construction",
        "description": (
            "Centre de matériaux de construction de Sorel-Tracy, nous livrons du bois, du gypse "
            "et de la quincaillerie aux entrepreneurs et aux particuliers de la région. Nous "
            "cherchons une chauffeuse-livreuse ou un chauffeur-livreur classe 3 pour notre "
            "camion à flèche, de jour, du lundi au vendredi. Vous chargerez le camion, "
            "planifierez vos livraisons et déchargerez les matériaux sur les chantiers. Nous "
            "formons à l'utilisation de la grue. Nous accueillons les personnes qui ont des "
            "antécédents judiciaires; subvention salariale acceptée."
        ),
        "tasks": (
            "Charger et arrimer les matériaux; livrer sur les chantiers; opérer la flèche de "
            "déchargement; faire signer les bons de livraison."
        ),
        "requirements": "Permis classe 3; bonne forme physique; connaissance de la région.",
        "municipality_code": "53052",
        "noc_code": "73300",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 5,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    # ---------------------------------------------------------------- bureau, services
    {
        "key": "adjointe-administrative-sorel",
        "title": "Adjointe administrative / adjoint administratif",
        "description": (
            "Firme de génie-conseil de Sorel-Tracy (30 employés), nous recherchons une adjointe "
            "administrative ou un adjoint administratif pour soutenir la direction et les "
            "chargés de projets. Vous gérerez les agendas, rédigerez la correspondance, "
            "mettrez en page les rapports et ferez le suivi des contrats. Poste permanent à "
            "temps plein, de jour, avec horaire flexible. Excellente maîtrise du français écrit "
            "exigée; la Suite Office est notre outil quotidien. Accessible en autobus. "
            "Subvention salariale possible pour une personne en retour à l'emploi."
        ),
        "tasks": (
            "Rédiger et corriger la correspondance; gérer les agendas et les réunions; classer "
            "les documents; accueillir les visiteurs; préparer les factures."
        ),
        "requirements": (
            "DEP en secrétariat ou expérience équivalente; Word, Excel et Outlook; français "
            "écrit impeccable (niveau 9)."
        ),
        "municipality_code": "53052",
        "noc_code": "13110",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 9,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "commis-comptable-sorel",
        "title": "Commis comptable - temps partiel (3 jours par semaine)",
        "description": (
            "Cabinet comptable de Sorel-Tracy, nous cherchons une ou un commis comptable à "
            "temps partiel, trois jours par semaine, de jour. Vous ferez la saisie des "
            "factures, les comptes fournisseurs et clients, les conciliations bancaires et "
            "préparerez les dossiers pour nos techniciens. Nous utilisons Acomba, Sage 50 et "
            "QuickBooks en ligne. Un horaire idéal pour une personne expérimentée qui souhaite "
            "réduire ses heures. Accessible en autobus. Antécédents judiciaires : à discuter. "
            "Subvention salariale acceptée."
        ),
        "tasks": (
            "Saisir les factures et les paiements; faire les conciliations bancaires; préparer "
            "les relevés; classer les pièces justificatives."
        ),
        "requirements": (
            "DEP en comptabilité ou expérience en tenue de livres; logiciels comptables; "
            "français de niveau 8."
        ),
        "municipality_code": "53052",
        "noc_code": "14200",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 8,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "technicienne-comptable-teletravail",
        "title": "Technicienne ou technicien comptable - 100 % télétravail",
        "description": (
            "Firme comptable de Sherbrooke dont l'équipe travaille entièrement à distance, "
            "nous recherchons une technicienne ou un technicien comptable pour la tenue de "
            "livres de PME, les remises gouvernementales et la préparation des états "
            "financiers de fin d'année. Poste permanent à temps plein, de jour, 100 % en "
            "télétravail partout au Québec; ordinateur et deux écrans fournis. Horaire souple "
            "entre 8 h et 17 h. Vous devez avoir un espace de travail calme et une connexion "
            "Internet fiable. Antécédents judiciaires à discuter."
        ),
        "tasks": (
            "Tenir les livres de plusieurs clients; produire les remises TPS-TVQ et DAS; "
            "préparer les états financiers; communiquer avec les clients par visioconférence."
        ),
        "requirements": (
            "DEC en techniques de comptabilité ou trois ans d'expérience; QuickBooks et Excel; "
            "français écrit de niveau 9."
        ),
        "municipality_code": "43027",
        "noc_code": "12200",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": True,
        "french_level_required": 9,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "service-clientele-teletravail-jour",
        "title": "Agente ou agent au service à la clientèle - télétravail (jour)",
        "description": (
            "Entreprise montréalaise de vente en ligne d'articles de maison, nous agrandissons "
            "notre équipe du service à la clientèle, entièrement en télétravail partout au "
            "Québec. Vous répondrez aux appels, aux courriels et au clavardage des clients : "
            "suivi de commandes, retours, remboursements. Poste permanent à temps plein, de "
            "jour, du lundi au vendredi. Formation rémunérée de trois semaines en ligne, "
            "équipement informatique fourni. Une bonne maîtrise du français est nécessaire; "
            "l'anglais est un atout. Nous accueillons les personnes en subvention salariale."
        ),
        "tasks": (
            "Répondre aux demandes par téléphone, courriel et clavardage; suivre les commandes; "
            "traiter les retours; consigner les échanges dans le système."
        ),
        "requirements": (
            "Expérience en service à la clientèle; aisance informatique; Internet haute "
            "vitesse; français de niveau 8."
        ),
        "municipality_code": "66023",
        "noc_code": "64409",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": True,
        "french_level_required": 8,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    {
        "key": "service-clientele-teletravail-soir",
        "title": "Représentant(e) au service à la clientèle - soirs, télétravail à temps partiel",
        "description": (
            "Fournisseur de services Internet et de téléphonie de Longueuil, nous recrutons des "
            "représentantes et des représentants au service à la clientèle à temps partiel, "
            "de soir, de 17 h à 21 h du lundi au vendredi. Le travail se fait entièrement à "
            "domicile : nous fournissons l'ordinateur et le casque d'écoute. Vous répondrez aux "
            "questions de facturation, ferez des changements de forfaits et transférerez les "
            "problèmes techniques au soutien. Un bon complément de revenu, compatible avec la "
            "vie de famille. Les antécédents judiciaires ne sont pas un obstacle."
        ),
        "tasks": (
            "Répondre aux appels entrants; expliquer les factures; modifier les forfaits; "
            "documenter chaque appel."
        ),
        "requirements": (
            "Aisance au téléphone; base en informatique; pièce calme à la maison; français de "
            "niveau 8."
        ),
        "municipality_code": "58227",
        "noc_code": "64409",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["EVENING"],
        "remote": True,
        "french_level_required": 8,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "receptionniste-clinique-sorel",
        "title": "Réceptionniste - clinique dentaire",
        "description": (
            "Clinique dentaire familiale du centre-ville de Sorel-Tracy, nous recherchons une "
            "ou un réceptionniste pour l'accueil des patients, la prise de rendez-vous et la "
            "facturation aux assureurs. Poste permanent à temps plein, de jour, du lundi au "
            "vendredi, aucune soirée. Nous utilisons un logiciel de gestion dentaire que nous "
            "vous apprendrons. Vous êtes souriante ou souriant, organisé et à l'aise au "
            "téléphone. Une expérience en réception ou en secrétariat est un atout. Accessible "
            "en autobus. Antécédents judiciaires : à discuter."
        ),
        "tasks": (
            "Accueillir les patients; gérer l'agenda des rendez-vous; percevoir les paiements; "
            "transmettre les réclamations aux assureurs; répondre au téléphone."
        ),
        "requirements": (
            "Expérience en service à la clientèle ou en secrétariat; français de niveau 9."
        ),
        "municipality_code": "53052",
        "noc_code": "14101",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 9,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "soutien-technique-teletravail",
        "title": "Agent(e) de soutien technique informatique (TI) - télétravail",
        "description": (
            "Entreprise de services informatiques gérés de Montréal, nous offrons du soutien "
            "technique à des PME partout au Québec. Nous recherchons une agente ou un agent de "
            "soutien technique de niveau 1 pour notre centre de services, en télétravail "
            "complet. Vous résoudrez les problèmes des utilisateurs à distance : comptes "
            "Microsoft 365, imprimantes, postes Windows, accès VPN. Poste permanent à temps "
            "plein de jour. Nous offrons un parcours de certification payé et du mentorat. Une "
            "formation en informatique ou une expérience équivalente est requise."
        ),
        "tasks": (
            "Répondre aux billets et aux appels; diagnostiquer et résoudre les problèmes à "
            "distance; documenter les solutions; escalader les cas complexes."
        ),
        "requirements": (
            "DEC ou AEC en informatique, ou expérience en soutien informatique; Windows et "
            "Microsoft 365; français de niveau 8; anglais fonctionnel."
        ),
        "municipality_code": "66023",
        "noc_code": "22221",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": True,
        "french_level_required": 8,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "technicien-informatique-sorel",
        "title": "Technicien(ne) en informatique - soutien aux utilisateurs",
        "description": (
            "Organisme régional de Sorel-Tracy qui compte 150 employés répartis dans quatre "
            "points de service, nous recherchons une technicienne ou un technicien en "
            "informatique pour le soutien aux utilisateurs. Vous installerez et configurerez "
            "les postes de travail, gérerez les comptes et les accès, répondrez aux demandes "
            "d'aide et tiendrez l'inventaire du parc informatique. Poste permanent à temps "
            "plein, de jour, sur place au siège social. Accessible en autobus. Nous sommes "
            "ouverts à une subvention salariale pour une personne récemment diplômée."
        ),
        "tasks": (
            "Installer et configurer postes et logiciels; gérer les comptes Active Directory; "
            "répondre aux demandes de soutien; tenir l'inventaire."
        ),
        "requirements": (
            "DEC en techniques de l'informatique ou AEC en soutien informatique; français de "
            "niveau 9."
        ),
        "municipality_code": "53052",
        "noc_code": "22221",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 9,
        "criminal_record_openness": "discuss",
        "wage_subsidy_welcome": True,
        "transit_accessible": True,
    },
    # ---------------------------------------------------------------- petite enfance
    {
        "key": "educatrice-cpe-sorel",
        "title": "Éducatrice ou éducateur à la petite enfance - CPE",
        "description": (
            "Centre de la petite enfance de Sorel-Tracy, nous recherchons une éducatrice ou un "
            "éducateur pour un groupe d'enfants de 3 à 5 ans. Poste permanent à temps plein, "
            "de jour, du lundi au vendredi. Vous planifierez et animerez des activités selon "
            "notre programme éducatif, observerez le développement des enfants et "
            "communiquerez avec les parents. Les personnes en voie de qualification qui "
            "suivent une AEC en éducation à l'enfance sont les bienvenues. La vérification de "
            "l'absence d'empêchement est obligatoire : aucun antécédent judiciaire n'est "
            "compatible avec le poste."
        ),
        "tasks": (
            "Planifier et animer des activités; veiller à la sécurité et à l'hygiène; observer "
            "et noter le développement; échanger avec les parents."
        ),
        "requirements": (
            "DEC ou AEC en éducation à l'enfance (ou en cours); RCR en milieu de garde; "
            "français de niveau 8."
        ),
        "municipality_code": "53052",
        "noc_code": "42202",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 8,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    {
        "key": "educatrice-service-garde-scolaire-sjs",
        "title": "Éducatrice en service de garde scolaire - temps partiel",
        "description": (
            "Le service de garde d'une école primaire de Saint-Joseph-de-Sorel cherche une "
            "éducatrice ou un éducateur pour accueillir les élèves le matin, le midi et après "
            "les classes, environ 25 heures par semaine pendant l'année scolaire. Vous "
            "animerez des jeux, aiderez aux devoirs et assurerez la sécurité des enfants de 5 à "
            "12 ans. Horaire coupé de jour, du lundi au vendredi. Une expérience auprès des "
            "enfants est demandée; la formation est offerte par le centre de services scolaire. "
            "Vérification des antécédents judiciaires obligatoire : un antécédent empêche "
            "l'embauche."
        ),
        "tasks": (
            "Accueillir et surveiller les élèves; animer des activités; aider aux devoirs; "
            "communiquer avec les parents."
        ),
        "requirements": (
            "Expérience auprès des enfants; DEP en service de garde un atout; français de niveau 7."
        ),
        "municipality_code": "53050",
        "noc_code": "43100",
        "employment_types": ["PART_TIME", "PERMANENT"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": 7,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
    # ---------------------------------------------------------------- construction, agriculture
    {
        "key": "manoeuvre-construction-sorel",
        "title": "Manœuvre en construction / journalier de chantier",
        "description": (
            "Entrepreneur général de Sorel-Tracy, nous construisons des bâtiments agricoles, "
            "commerciaux et résidentiels dans la MRC de Pierre-De Saurel. Pour la saison de "
            "construction, d'avril à décembre, nous embauchons des manœuvres et des "
            "journaliers de chantier. Vous transporterez les matériaux, nettoierez les "
            "chantiers et aiderez les charpentiers. Horaire de jour, du lundi au vendredi, "
            "départ de notre cour à 6 h 30 : une voiture est nécessaire. Nous accompagnons "
            "l'obtention du cours Santé et sécurité générale sur les chantiers. Personnes "
            "judiciarisées bienvenues; subvention salariale acceptée."
        ),
        "tasks": (
            "Transporter et manutentionner les matériaux; nettoyer les chantiers; aider les "
            "charpentiers et les cimentiers; installer les protections."
        ),
        "requirements": (
            "Bonne forme physique; bottes et casque; cours ASP Construction ou prêt à le suivre."
        ),
        "municipality_code": "53052",
        "noc_code": "75110",
        "employment_types": ["FULL_TIME", "SEASONAL"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "ouvrier-maraicher-sainte-victoire",
        "title": "Ouvriers agricoles / ouvrières agricoles - ferme maraîchère (saison 2025)",
        "description": (
            "Ferme maraîchère familiale de Sainte-Victoire-de-Sorel, nous cultivons des "
            "légumes biologiques vendus en paniers et au marché de Sorel-Tracy. Nous "
            "cherchons des ouvrières et des ouvriers agricoles de mai à octobre pour la "
            "plantation, le désherbage, la récolte et le lavage des légumes. Horaire de jour, "
            "du lundi au vendredi, à temps plein ou à temps partiel selon vos disponibilités. "
            "Travail à l'extérieur, par tous les temps. Aucune expérience nécessaire. La ferme "
            "est en rang : il faut une voiture ou un covoiturage. Antécédents judiciaires sans "
            "importance pour nous."
        ),
        "tasks": (
            "Planter et désherber; récolter les légumes; laver et emballer; préparer les paniers."
        ),
        "requirements": None,
        "municipality_code": "53025",
        "noc_code": "85101",
        "employment_types": ["FULL_TIME", "PART_TIME", "SEASONAL"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "ouvriere-serre-yamaska",
        "title": "Ouvrière ou ouvrier de serre - production de fleurs annuelles",
        "description": (
            "Entreprise horticole de Yamaska, nous produisons des fleurs annuelles et des "
            "paniers suspendus pour les jardineries du Québec. De février à juin, nous "
            "recherchons des ouvrières et des ouvriers de serre pour le repiquage, l'arrosage, "
            "l'entretien des plants et la préparation des commandes. Horaire de jour, du lundi "
            "au vendredi, à temps plein. Le travail se fait debout, dans la chaleur et "
            "l'humidité des serres. Aucune expérience requise. Aucun transport en commun : "
            "covoiturage organisé depuis Yamaska. Personnes judiciarisées bienvenues."
        ),
        "tasks": (
            "Repiquer les semis; arroser et fertiliser; tailler les plants; préparer et "
            "charger les commandes."
        ),
        "requirements": "Aimer le travail manuel; capacité à rester debout longtemps.",
        "municipality_code": "53072",
        "noc_code": "85103",
        "employment_types": ["FULL_TIME", "SEASONAL"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "aide-paysagiste-sainte-anne",
        "title": "Aide-paysagiste / manœuvre en entretien des terrains",
        "description": (
            "Entreprise d'aménagement paysager de Sainte-Anne-de-Sorel, nous entretenons les "
            "terrains de résidences, de commerces et du camping des îles de Sorel. D'avril à "
            "novembre, nous cherchons des aides-paysagistes pour la tonte, la taille des "
            "haies, la plantation et la pose de paillis. Horaire de jour, du lundi au "
            "vendredi, départ du garage à 7 h; les équipes se déplacent en camion de "
            "l'entreprise, mais il faut se rendre au garage par ses propres moyens. Aucune "
            "expérience requise. Antécédents judiciaires : pas un problème."
        ),
        "tasks": (
            "Tondre les pelouses; tailler les haies; planter des arbustes; étendre le paillis; "
            "ramasser les feuilles."
        ),
        "requirements": "Bonne forme physique; aimer le travail extérieur.",
        "municipality_code": "53065",
        "noc_code": "85121",
        "employment_types": ["FULL_TIME", "SEASONAL"],
        "schedules": ["DAY"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    {
        "key": "ouvrier-ferme-laitiere-massueville",
        "title": "Ouvrier ou ouvrière de ferme laitière (traite matin et soir)",
        "description": (
            "Ferme laitière de 120 vaches à Massueville, nous cherchons une ouvrière ou un "
            "ouvrier agricole pour la traite, l'alimentation des animaux et l'entretien des "
            "étables. L'horaire comprend la traite du matin et du soir ainsi qu'une fin de "
            "semaine sur deux, pour environ 45 heures par semaine. Poste permanent à temps "
            "plein. Nous formons une personne motivée qui aime les animaux, même sans "
            "expérience. Logement disponible près de la ferme. Pas de transport en commun. "
            "Antécédents judiciaires : aucun problème."
        ),
        "tasks": (
            "Traire les vaches; nourrir les animaux; nettoyer les étables; surveiller la santé "
            "du troupeau; conduire le tracteur."
        ),
        "requirements": "Aimer les animaux; ponctualité.",
        "municipality_code": "53010",
        "noc_code": "85100",
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "schedules": ["DAY", "EVENING", "WEEKEND"],
        "remote": False,
        "french_level_required": None,
        "criminal_record_openness": "yes",
        "wage_subsidy_welcome": True,
        "transit_accessible": False,
    },
    # ---------------------------------------------------------------- sécurité
    {
        "key": "agent-securite-sorel",
        "title": "Agent(e) de sécurité - site industriel (nuits et fins de semaine)",
        "description": (
            "Agence de sécurité privée, nous assurons la surveillance d'un parc industriel de "
            "Sorel-Tracy. Nous recherchons des agentes et des agents de sécurité à temps plein "
            "ou à temps partiel pour les nuits et les fins de semaine. Vous contrôlerez les "
            "accès, ferez des rondes, rédigerez des rapports d'événements et interviendrez en "
            "cas d'alarme. Uniforme fourni et formation de base payée. Le permis d'agent du "
            "Bureau de la sécurité privée est obligatoire : il n'est pas délivré aux personnes "
            "ayant des antécédents judiciaires liés à l'emploi, le poste leur est donc fermé."
        ),
        "tasks": (
            "Contrôler les accès au site; effectuer les rondes; rédiger les rapports; "
            "intervenir lors des alarmes et appeler les secours."
        ),
        "requirements": (
            "Permis du Bureau de la sécurité privée (ou admissibilité); secourisme un atout; "
            "français de niveau 6 pour les rapports."
        ),
        "municipality_code": "53052",
        "noc_code": "64410",
        "employment_types": ["FULL_TIME", "PART_TIME", "PERMANENT"],
        "schedules": ["NIGHT", "WEEKEND"],
        "remote": False,
        "french_level_required": 6,
        "criminal_record_openness": "no",
        "wage_subsidy_welcome": False,
        "transit_accessible": True,
    },
]

PROFILES = [
    {
        "key": "denis-soudeur-50plus",
        "first_name": "Denis",
        "last_name": "Lavallée",
        "municipality_code": "53052",
        "desired_noc_codes": ["72106", "72104"],
        "desired_occupations": "soudeur, assembleur-soudeur, soudage MIG, métallurgie",
        "skills": (
            "Soudage MIG et électrode enrobée, lecture de plans, pont roulant, coupe au plasma."
        ),
        "experience": (
            "Vingt-cinq ans comme soudeur dans une usine de structures d'acier de Sorel-Tracy "
            "qui a fermé l'an dernier. 56 ans, suivi dans un programme pour les 50 ans et plus."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 40,
        "availability": ["DAY", "EVENING"],
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "soudeur-mig-sorel": 2,
            "soudeuse-soir-sjs": 2,
            "assembleur-soudeur-saint-david": 2,
            "ajusteur-charpente-sorel": 2,
        },
    },
    {
        "key": "karine-metiers-non-traditionnels",
        "first_name": "Karine",
        "last_name": "Paquette",
        "municipality_code": "53065",
        "desired_noc_codes": ["72106", "94106"],
        "desired_occupations": "soudeuse, opératrice CNC, usinage, métier non traditionnel",
        "skills": "DEP en soudage-montage (2024), MIG et SMAW, lecture de plans, minutie.",
        "experience": (
            "Huit ans caissière et gérante de quart dans une épicerie, puis retour aux études "
            "en soudage. Stage de six semaines dans un atelier de fabrication métallique."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 35,
        "availability": ["DAY", "EVENING"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "soudeur-mig-sorel": 2,
            "soudeuse-soir-sjs": 2,
            "assembleur-soudeur-saint-david": 2,
            "operatrice-cnc-yamaska": 2,
            "ajusteur-charpente-sorel": 1,
        },
    },
    {
        "key": "jeremy-jeune-sans-experience",
        "first_name": "Jérémy",
        "last_name": "Cournoyer",
        "municipality_code": "53052",
        "desired_noc_codes": [],
        "desired_occupations": "journalier, manutention, entrepôt, travail en usine",
        "skills": "Ponctuel, en forme, aime le travail manuel; permis de conduire classe 5.",
        "experience": (
            "19 ans, a quitté l'école en secondaire 4. Un emploi d'été dans un dépanneur; "
            "aucune autre expérience de travail."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 25,
        "availability": ["DAY", "EVENING", "NIGHT", "WEEKEND"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "journalier-production-metallurgie-sorel": 2,
            "journaliere-fonderie-sjs": 2,
            "cariste-sjs": 2,
            "commis-epicerie-nuit-sjs": 1,
            "nettoyeur-industriel-nuit-sorel": 1,
            "manoeuvre-construction-sorel": 1,
            "assembleuse-portes-fenetres-sjs": 1,
            "operatrice-cnc-yamaska": 1,
        },
    },
    {
        "key": "steve-cariste-antecedents",
        "first_name": "Steve",
        "last_name": "Bibeau",
        "municipality_code": "53050",
        "desired_noc_codes": ["75101", "14400"],
        "desired_occupations": "cariste, commis d'entrepôt, expédition, réception",
        "skills": (
            "Carte de cariste valide (chariot élévateur et transpalette électrique), inventaire."
        ),
        "experience": (
            "Six ans cariste dans un centre de distribution de Longueuil. Sorti de détention "
            "l'an dernier; accompagné pour un retour en emploi près de chez lui."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 40,
        "availability": ["DAY", "EVENING", "NIGHT"],
        "employment_types": ["FULL_TIME"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": True,
        "relevant": {
            "cariste-sjs": 2,
            "commis-expedition-sorel": 2,
            "journalier-production-metallurgie-sorel": 1,
            "commis-epicerie-nuit-sjs": 1,
            "journaliere-fonderie-sjs": 1,
        },
    },
    {
        "key": "patrick-mecanicien-antecedents",
        "first_name": "Patrick",
        "last_name": "Lambert",
        "municipality_code": "53052",
        "desired_noc_codes": ["72400", "72401"],
        "desired_occupations": "mécanicien industriel, mécanique, entretien d'équipements",
        "skills": (
            "Entretien préventif, hydraulique, soudage d'entretien, alignement laser, "
            "lecture de schémas."
        ),
        "experience": (
            "Quinze ans mécanicien industriel dans une usine de pâtes et papiers. Condamnation "
            "en 2021; peut conduire et se déplacer jusqu'à une heure de route."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 60,
        "availability": ["DAY"],
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "wage_subsidy_eligible": False,
        "criminal_record_considered": True,
        "relevant": {
            "mecanicien-machinerie-lourde-nicolet": 2,
            "mecanicien-auto-sorel": 1,
            "electromecanicien-drummond": 1,
            "entretien-general-immeubles-sorel": 1,
        },
    },
    {
        "key": "daniela-pab-nouvelle-arrivante",
        "first_name": "Daniela",
        "last_name": "Restrepo",
        "municipality_code": "53052",
        "desired_noc_codes": ["33102", "44101"],
        "desired_occupations": "préposée aux bénéficiaires, aide-soignante, soins aux aînés",
        "skills": "Soins d'hygiène, accompagnement de personnes âgées, patience, écoute.",
        "experience": (
            "Auxiliaire en soins infirmiers pendant six ans à Medellín (Colombie). Arrivée au "
            "Québec il y a deux ans; francisation terminée au niveau 6."
        ),
        "french_level": 6,
        "other_languages": "espagnol",
        "transport_mode": "transit",
        "max_distance_km": 20,
        "availability": ["DAY", "EVENING", "WEEKEND"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "pab-rpa-sorel": 2,
            "preposees-entretien-menager-hopital": 1,
            "entretien-menager-rpa-sorel": 1,
        },
    },
    {
        "key": "oleksandr-soudeur-nouvel-arrivant",
        "first_name": "Oleksandr",
        "last_name": "Kovalenko",
        "municipality_code": "53052",
        "desired_noc_codes": ["72106", "72104"],
        "desired_occupations": "soudeur, soudure, assemblage métallique",
        "skills": "Soudage MIG, TIG et à l'électrode; lecture de plans; travail en hauteur.",
        "experience": (
            "Quinze ans soudeur dans un chantier naval à Mykolaïv (Ukraine). Arrivé en 2023, "
            "en francisation à temps partiel; pas encore de permis de conduire québécois."
        ),
        "french_level": 4,
        "other_languages": "ukrainien, russe, anglais",
        "transport_mode": "transit",
        "max_distance_km": 20,
        "availability": ["DAY", "EVENING", "NIGHT", "WEEKEND"],
        "employment_types": ["FULL_TIME"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "soudeur-mig-sorel": 2,
            "soudeuse-soir-sjs": 2,
            "ajusteur-charpente-sorel": 2,
            "journaliere-fonderie-sjs": 1,
        },
    },
    {
        "key": "lise-administration-50plus",
        "first_name": "Lise",
        "last_name": "Bergeron",
        "municipality_code": "53052",
        "desired_noc_codes": ["13110", "14200", "14101"],
        "desired_occupations": "adjointe administrative, secrétaire, commis comptable, réception",
        "skills": (
            "Word, Excel, Outlook, Acomba; tenue de livres; français écrit impeccable; accueil."
        ),
        "experience": (
            "Trente ans secrétaire-réceptionniste et aide-comptable dans une entreprise de "
            "transport qui a déménagé à Montréal. 58 ans; cherche un emploi de jour."
        ),
        "french_level": None,
        "other_languages": "anglais",
        "transport_mode": "car",
        "max_distance_km": 30,
        "availability": ["DAY"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "adjointe-administrative-sorel": 2,
            "commis-comptable-sorel": 2,
            "receptionniste-clinique-sorel": 2,
            "technicienne-comptable-teletravail": 1,
            "service-clientele-teletravail-jour": 1,
        },
    },
    {
        "key": "melanie-soirs-temps-partiel",
        "first_name": "Mélanie",
        "last_name": "Brunelle",
        "municipality_code": "53050",
        "desired_noc_codes": ["65310", "65100"],
        "desired_occupations": "entretien ménager, caissière, ménage, commis",
        "skills": "Rapide et minutieuse, service à la clientèle, caisse enregistreuse.",
        "experience": (
            "Mère de trois enfants, absente du marché du travail depuis six ans. Auparavant "
            "caissière dans une pharmacie et femme de ménage dans un hôtel."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 20,
        "availability": ["EVENING", "WEEKEND"],
        "employment_types": ["PART_TIME"],
        "wage_subsidy_eligible": False,
        "criminal_record_considered": False,
        "relevant": {
            "entretien-bureaux-soir-sorel": 2,
            "preposees-entretien-menager-hopital": 2,
            "caissiere-epicerie-sorel": 2,
            "plongeur-fds-sorel": 1,
            "service-clientele-teletravail-soir": 1,
        },
    },
    {
        "key": "kevin-sans-voiture",
        "first_name": "Kevin",
        "last_name": "Théroux",
        "municipality_code": "53052",
        "desired_noc_codes": ["65102", "65100", "75101"],
        "desired_occupations": "commis d'épicerie, caissier, magasin, entrepôt",
        "skills": "Mise en tablettes, rotation des stocks, caisse, service à la clientèle.",
        "experience": (
            "Trois ans commis d'épicerie dans un supermarché de Sorel-Tracy. Permis de conduire "
            "suspendu pour deux ans : se déplace en autobus."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "transit",
        "max_distance_km": 20,
        "availability": ["DAY", "EVENING", "WEEKEND"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "caissiere-epicerie-sorel": 2,
            "cariste-sjs": 2,
            "conseiller-vente-quincaillerie-sorel": 1,
            "commis-expedition-sorel": 1,
        },
    },
    {
        "key": "sylvie-a-velo",
        "first_name": "Sylvie",
        "last_name": "Plante",
        "municipality_code": "53052",
        "desired_noc_codes": ["65310", "65312", "65201"],
        "desired_occupations": "entretien ménager, conciergerie, aide de cuisine",
        "skills": "Entretien ménager résidentiel, organisation, autonomie, petite cuisine.",
        "experience": (
            "Douze ans femme de ménage à son compte chez des particuliers. N'a pas de permis de "
            "conduire; se déplace à vélo, même l'hiver, dans un rayon de quelques kilomètres."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "active",
        "max_distance_km": 7,
        "availability": ["DAY"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "entretien-menager-rpa-sorel": 2,
            "concierge-immeuble-sorel": 2,
            "aide-cuisine-cpe-sorel": 2,
            "entretien-general-immeubles-sorel": 1,
        },
    },
    {
        "key": "julie-teletravail",
        "first_name": "Julie",
        "last_name": "Champagne",
        "municipality_code": "53072",
        "desired_noc_codes": ["64409", "22221"],
        "desired_occupations": (
            "service à la clientèle, centre d'appels, soutien technique, télétravail"
        ),
        "skills": (
            "Service à la clientèle au téléphone et par clavardage, dépannage Internet et télé "
            "de niveau 1, saisie rapide."
        ),
        "experience": (
            "Huit ans agente au service à la clientèle et au soutien de niveau 1 chez un "
            "câblodistributeur. Limitations physiques : cherche un emploi en télétravail, "
            "ne peut pas faire de longs trajets."
        ),
        "french_level": None,
        "other_languages": "anglais",
        "transport_mode": "car",
        "max_distance_km": 15,
        "availability": ["DAY", "EVENING"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "service-clientele-teletravail-jour": 2,
            "service-clientele-teletravail-soir": 2,
            "soutien-technique-teletravail": 1,
        },
    },
    {
        "key": "jessica-cuisine",
        "first_name": "Jessica",
        "last_name": "Ménard",
        "municipality_code": "53052",
        "desired_noc_codes": ["63200", "65201"],
        "desired_occupations": "cuisinière, cuisine, aide-cuisinière, restauration",
        "skills": "DEP en cuisine (2023), mise en place, cuisson, hygiène et salubrité MAPAQ.",
        "experience": (
            "22 ans, stage de fin de DEP dans un restaurant de Saint-Hyacinthe et un été en "
            "cantine. N'a pas de voiture, prend l'autobus."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "transit",
        "max_distance_km": 20,
        "availability": ["DAY", "EVENING", "WEEKEND"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "cuisinier-resto-sorel": 2,
            "cuisiniere-rpa-sorel": 2,
            "plongeur-fds-sorel": 1,
            "aide-cuisine-cpe-sorel": 1,
        },
    },
    {
        "key": "marcel-agricole-60plus",
        "first_name": "Marcel",
        "last_name": "Cardin",
        "municipality_code": "53010",
        "desired_noc_codes": ["85101", "85103", "85121"],
        "desired_occupations": "ouvrier agricole, serre, horticulture, entretien de terrains",
        "skills": (
            "Conduite de tracteur, travaux des champs, entretien de terrain, débrouillardise."
        ),
        "experience": (
            "A exploité une ferme laitière pendant trente ans, vendue à son fils. 61 ans; veut "
            "un travail saisonnier de jour, sans traite ni soirées."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 30,
        "availability": ["DAY", "WEEKEND"],
        "employment_types": ["SEASONAL", "PART_TIME"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "ouvrier-maraicher-sainte-victoire": 2,
            "ouvriere-serre-yamaska": 2,
            "aide-paysagiste-sainte-anne": 2,
        },
    },
    {
        "key": "samuel-informatique",
        "first_name": "Samuel",
        "last_name": "Ngoy",
        "municipality_code": "53052",
        "desired_noc_codes": ["22221", "22220"],
        "desired_occupations": "technicien informatique, soutien technique, help desk, TI",
        "skills": (
            "Installation de postes Windows, Microsoft 365, réseaux de base, Active Directory, "
            "dépannage matériel."
        ),
        "experience": (
            "Diplômé en informatique de gestion à Kinshasa, trois ans technicien de soutien dans "
            "une banque. Au Québec depuis un an; AEC en soutien informatique terminée."
        ),
        "french_level": 11,
        "other_languages": "lingala, anglais",
        "transport_mode": "transit",
        "max_distance_km": 20,
        "availability": ["DAY", "EVENING"],
        "employment_types": ["FULL_TIME"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "technicien-informatique-sorel": 2,
            "soutien-technique-teletravail": 2,
            "service-clientele-teletravail-jour": 1,
        },
    },
    {
        "key": "nathalie-petite-enfance",
        "first_name": "Nathalie",
        "last_name": "Roy",
        "municipality_code": "53025",
        "desired_noc_codes": ["42202", "43100"],
        "desired_occupations": "éducatrice, service de garde, petite enfance, CPE",
        "skills": "Animation d'activités, gestion de groupe, RCR en milieu de garde.",
        "experience": (
            "Dix ans responsable d'un service de garde en milieu familial reconnu; a fermé son "
            "service et suit une AEC en éducation à l'enfance le soir."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 30,
        "availability": ["DAY"],
        "employment_types": [],
        "wage_subsidy_eligible": False,
        "criminal_record_considered": False,
        "relevant": {
            "educatrice-cpe-sorel": 2,
            "educatrice-service-garde-scolaire-sjs": 2,
            "aide-cuisine-cpe-sorel": 1,
        },
    },
    {
        "key": "eric-camionneur-antecedents",
        "first_name": "Éric",
        "last_name": "Dufresne",
        "municipality_code": "53020",
        "desired_noc_codes": ["73300", "75201"],
        "desired_occupations": "camionneur, chauffeur classe 1, chauffeur-livreur",
        "skills": (
            "Permis classe 1 et classe 3, arrimage, conduite hivernale, registre électronique."
        ),
        "experience": (
            "Dix-huit ans camionneur au Québec et en Ontario. Antécédent judiciaire (2018) qui "
            "l'empêche de passer la frontière américaine."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 50,
        "availability": ["DAY", "EVENING", "NIGHT", "WEEKEND"],
        "employment_types": ["FULL_TIME"],
        "wage_subsidy_eligible": False,
        "criminal_record_considered": True,
        "relevant": {
            "camionneur-regional-drummond": 2,
            "chauffeur-livreur-classe3-sorel": 2,
            "cariste-sjs": 1,
        },
    },
    {
        "key": "rania-nouvelle-arrivante-drummond",
        "first_name": "Rania",
        "last_name": "Al-Hassan",
        "municipality_code": "49058",
        "desired_noc_codes": ["95104", "65310", "95106"],
        "desired_occupations": "production, emballage, journalière, entretien ménager",
        "skills": "Travail d'équipe, rapidité, emballage, entretien ménager.",
        "experience": (
            "Ouvrière dans une usine d'emballage alimentaire à Alep, puis réfugiée au Liban. "
            "Arrivée à Drummondville il y a 18 mois; francisation au niveau 5."
        ),
        "french_level": 5,
        "other_languages": "arabe, anglais (base)",
        "transport_mode": "transit",
        "max_distance_km": 15,
        "availability": ["DAY", "WEEKEND"],
        "employment_types": [],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "journalier-plastique-drummond": 2,
            "entretien-menager-hotel-drummond": 2,
            "preparateur-commandes-drummond": 1,
        },
    },
    {
        "key": "audrey-apprentie-electricienne",
        "first_name": "Audrey",
        "last_name": "Bélanger",
        "municipality_code": "53052",
        "desired_noc_codes": ["72200", "72201"],
        "desired_occupations": "électricienne, apprentie électricienne, électricité industrielle",
        "skills": (
            "DEP en électricité (2024), lecture de schémas, automates de base, travail en hauteur."
        ),
        "experience": (
            "26 ans; six ans serveuse avant un retour aux études. Stage en entretien électrique "
            "dans une usine de Varennes; cherche à accumuler ses heures d'apprentissage."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 55,
        "availability": ["DAY"],
        "employment_types": ["FULL_TIME", "PERMANENT"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "electricienne-industrielle-sjs": 2,
            "electricien-construction-sthyacinthe": 2,
            "electromecanicien-drummond": 1,
        },
    },
    {
        "key": "gilles-securite-retraite",
        "first_name": "Gilles",
        "last_name": "Ouellet",
        "municipality_code": "53052",
        "desired_noc_codes": ["64410", "65312"],
        "desired_occupations": "agent de sécurité, gardien, concierge, temps partiel",
        "skills": (
            "Surveillance, rédaction de rapports, premiers soins, petits travaux de réparation."
        ),
        "experience": (
            "Retraité des Forces armées à 63 ans après une carrière de policier militaire. "
            "Veut un emploi à temps partiel pour rester actif; horaire très flexible."
        ),
        "french_level": None,
        "other_languages": "anglais",
        "transport_mode": "car",
        "max_distance_km": 25,
        "availability": ["DAY", "EVENING", "NIGHT", "WEEKEND"],
        "employment_types": ["PART_TIME"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": False,
        "relevant": {
            "agent-securite-sorel": 2,
            "concierge-immeuble-sorel": 2,
            "concierge-ecole-sjs": 1,
        },
    },
    {
        "key": "chantal-pab-diplomee",
        "first_name": "Chantal",
        "last_name": "Girard",
        "municipality_code": "50128",
        "desired_noc_codes": ["33102", "44101"],
        "desired_occupations": "préposée aux bénéficiaires, PAB, aide à domicile",
        "skills": "DEP Assistance à la personne (2024), PDSB, RCR, soins d'hygiène.",
        "experience": (
            "Quinze ans vendeuse dans le commerce de détail, réorientée en soins. Stages en "
            "CHSLD et en soutien à domicile; a une voiture."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 35,
        "availability": ["DAY", "EVENING", "NIGHT", "WEEKEND"],
        "employment_types": [],
        "wage_subsidy_eligible": False,
        "criminal_record_considered": False,
        "relevant": {
            "pab-chsld-sorel": 2,
            "pab-rpa-sorel": 2,
            "pab-nuit-nicolet": 2,
            "aide-domicile-sorel": 2,
        },
    },
    {
        "key": "maxime-soudeur-drummond",
        "first_name": "Maxime",
        "last_name": "Côté",
        "municipality_code": "49058",
        "desired_noc_codes": ["72106"],
        "desired_occupations": "soudeur, soudeur-assembleur, soudage",
        "skills": "Soudage MIG et TIG, cartes CWB en position à plat, lecture de plans.",
        "experience": (
            "Six ans soudeur dans une usine de remorques de Drummondville. Antécédent "
            "judiciaire récent; cherche un employeur ouvert, n'importe quel quart."
        ),
        "french_level": None,
        "other_languages": None,
        "transport_mode": "car",
        "max_distance_km": 35,
        "availability": ["DAY", "EVENING", "NIGHT"],
        "employment_types": ["FULL_TIME"],
        "wage_subsidy_eligible": True,
        "criminal_record_considered": True,
        "relevant": {
            "soudeurs-nuit-drummond": 2,
            "soudeur-assembleur-saint-cyrille": 2,
            "assembleur-soudeur-saint-david": 2,
        },
    },
]
