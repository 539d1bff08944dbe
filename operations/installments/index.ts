import add_installment from './add_installment.js';
import delete_installment from './delete_installment.js';
import list_installments from './list_installments.js';
import update_installment from './update_installment.js';

/** The installments operations. */
export default [add_installment, delete_installment, list_installments, update_installment];
