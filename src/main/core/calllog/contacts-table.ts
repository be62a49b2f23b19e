// Moved to contacts/contacts-table.ts (contacts have their own service now); kept so the call log's
// and the caller card's imports keep working.
export {
  CONTACT_BY_NUMBER_SQL,
  contactByNumber,
  putContact,
  type ContactRow,
} from '../contacts/contacts-table.ts';
