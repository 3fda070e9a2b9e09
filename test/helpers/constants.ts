export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';
