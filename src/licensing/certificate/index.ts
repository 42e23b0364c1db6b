export { renderCertificate, qrRows, type CertificateData, type CertificateLocale } from './certificate.ts';
