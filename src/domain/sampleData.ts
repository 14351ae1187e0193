/**
 * The raw material of the sample workbook: names, places and phrases of a small Quebec
 * distributor, in both languages. Only data here; sample.ts draws from it with a seeded PRNG.
 */
import type { Lang } from '../shared/contract';

/** A city with the first three characters of its postal codes and its area code. */
export interface City {
  name: string;
  fsa: readonly string[];
  area: string;
}

export const CITIES: readonly City[] = [
  { name: 'Montréal', fsa: ['H2X', 'H2J', 'H3B', 'H1V', 'H4C'], area: '514' },
  { name: 'Québec', fsa: ['G1R', 'G1K', 'G1S', 'G2J'], area: '418' },
  { name: 'Laval', fsa: ['H7N', 'H7T', 'H7V'], area: '450' },
  { name: 'Sherbrooke', fsa: ['J1H', 'J1E', 'J1L'], area: '819' },
  { name: 'Longueuil', fsa: ['J4K', 'J4H'], area: '450' },
  { name: 'Gatineau', fsa: ['J8X', 'J8Y'], area: '819' },
  { name: 'Trois-Rivières', fsa: ['G9A', 'G8T'], area: '819' },
  { name: 'Lévis', fsa: ['G6V', 'G6W'], area: '418' },
];

export const STREETS: readonly string[] = [
  'rue Saint-Denis',
  'boulevard Saint-Laurent',
  'rue Sherbrooke Est',
  'avenue du Mont-Royal',
  'chemin Sainte-Foy',
  'boulevard Le Corbusier',
  'rue King Ouest',
  'boulevard des Forges',
  'rue Principale',
  'avenue Cartier',
  'boulevard Taschereau',
  'rue Wellington Nord',
];

/** Company names are a trade and a name: "Boulangerie Lévesque", "Transport Beaubien inc.". */
export const TRADES: Record<Lang, readonly string[]> = {
  fr: [
    'Boulangerie',
    'Quincaillerie',
    'Transport',
    'Imprimerie',
    'Érablière',
    'Construction',
    'Traiteur',
    'Pharmacie',
    'Garage',
    'Fromagerie',
    'Ébénisterie',
    'Plomberie',
    'Librairie',
    'Entretien ménager',
  ],
  en: [
    'Bakery',
    'Hardware',
    'Trucking',
    'Printing',
    'Sugar Shack',
    'Construction',
    'Catering',
    'Pharmacy',
    'Garage',
    'Cheese Shop',
    'Woodworks',
    'Plumbing',
    'Books',
    'Cleaning Services',
  ],
};

export const FAMILY_NAMES: readonly string[] = [
  'Tremblay',
  'Gagnon',
  'Roy',
  'Côté',
  'Bouchard',
  'Gauthier',
  'Morin',
  'Lavoie',
  'Fortin',
  'Gagné',
  'Ouellet',
  'Pelletier',
  'Bélanger',
  'Lévesque',
  'Bergeron',
  'Leblanc',
  'Paquette',
  'Girard',
  'Simard',
  'Boucher',
  'Beaubien',
  'Laflamme',
  'Thibodeau',
  'Desjardins',
];

export const GIVEN_NAMES: readonly string[] = [
  'Marie',
  'Jean',
  'Louise',
  'Pierre',
  'Chantal',
  'François',
  'Geneviève',
  'Luc',
  'Mélanie',
  'Stéphane',
  'Annie',
  'Benoît',
  'Catherine',
  'Mathieu',
];

export const COMPANY_SUFFIXES: readonly string[] = ['inc.', 'ltée', 'enr.', 's.e.n.c.', ''];

/** The team, written to Lists with their e-mail addresses. */
export const SALESPEOPLE: readonly { name: string; email: string }[] = [
  { name: 'Sophie Gagnon', email: 'sophie.gagnon@exemple.ca' },
  { name: 'Marc-André Roy', email: 'marc-andre.roy@exemple.ca' },
  { name: 'Isabelle Côté', email: 'isabelle.cote@exemple.ca' },
  { name: 'Patrick Bouchard', email: 'patrick.bouchard@exemple.ca' },
];

export const ACCOUNT_MANAGERS: readonly { name: string; email: string }[] = [
  { name: 'Julie Pelletier', email: 'julie.pelletier@exemple.ca' },
  { name: 'Étienne Morin', email: 'etienne.morin@exemple.ca' },
  { name: 'Nathalie Bergeron', email: 'nathalie.bergeron@exemple.ca' },
];

export interface Phrases {
  needs: readonly string[];
  followUp: readonly string[];
  habits: readonly string[];
  remarks: readonly string[];
  watchReason: string;
  discussion: readonly { subject: string; details: string }[];
  email: readonly { subject: string; details: string }[];
  followUpEntry: readonly { subject: string; details: string }[];
}

export const PHRASES: Record<Lang, Phrases> = {
  fr: {
    needs: [
      'Livraison le matin seulement',
      'Cherche un fournisseur de pièces de rechange',
      'Veut regrouper ses achats sur une facture mensuelle',
      'Projet d’agrandissement au printemps',
      '',
    ],
    followUp: [
      'Rappeler pour la soumission de janvier',
      'Envoyer le nouveau catalogue',
      'Vérifier la satisfaction après la livraison',
      '',
    ],
    habits: [
      'Commande aux deux semaines, surtout des produits',
      'Gros volume à l’automne',
      'Achats réguliers de services d’entretien',
      'Achète avant les Fêtes',
    ],
    remarks: [
      'Livrer par la porte arrière',
      'Indiquer le numéro de bon de commande sur chaque facture',
      'Facturer au siège social',
      '',
    ],
    watchReason: 'Chèque sans provision — paiement par virement seulement',
    discussion: [
      { subject: 'Renouvellement du contrat', details: 'Prix maintenus jusqu’en juin.' },
      { subject: 'Retard de paiement', details: 'Le client promet un paiement vendredi.' },
      { subject: 'Nouveau contact', details: 'Le responsable des achats a changé.' },
    ],
    email: [
      { subject: 'Soumission 2026', details: 'Soumission envoyée pour 3 mois de service.' },
      { subject: 'Relevé de compte', details: 'Relevé des factures impayées envoyé.' },
      { subject: 'Confirmation de commande', details: 'Commande confirmée pour lundi.' },
    ],
    followUpEntry: [
      { subject: 'Appel de suivi', details: 'Satisfait de la dernière livraison.' },
      { subject: 'Visite en magasin', details: 'Intéressé par la gamme printemps.' },
    ],
  },
  en: {
    needs: [
      'Morning deliveries only',
      'Looking for a spare parts supplier',
      'Wants one monthly invoice for all purchases',
      'Expansion project in the spring',
      '',
    ],
    followUp: [
      'Call back about the January quote',
      'Send the new catalogue',
      'Check satisfaction after delivery',
      '',
    ],
    habits: [
      'Orders every two weeks, mostly products',
      'Large volume in the fall',
      'Regular maintenance services',
      'Buys before the holidays',
    ],
    remarks: [
      'Deliver through the back door',
      'Show the PO number on every invoice',
      'Bill the head office',
      '',
    ],
    watchReason: 'NSF cheque — wire transfer only',
    discussion: [
      { subject: 'Contract renewal', details: 'Prices held until June.' },
      { subject: 'Late payment', details: 'The client promises a payment on Friday.' },
      { subject: 'New contact', details: 'The purchasing manager has changed.' },
    ],
    email: [
      { subject: '2026 quote', details: 'Quote sent for 3 months of service.' },
      { subject: 'Account statement', details: 'Statement of unpaid invoices sent.' },
      { subject: 'Order confirmation', details: 'Order confirmed for Monday.' },
    ],
    followUpEntry: [
      { subject: 'Follow-up call', details: 'Happy with the last delivery.' },
      { subject: 'Store visit', details: 'Interested in the spring range.' },
    ],
  },
};
